// STYLE / brief « Architecture »: thin command adapters in src/cli, everything below them — src/domain, src/io,
// src/store, src/documents — never imports from src/cli (what both need lives below: e.g. domain/issue-report.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const LOWER = ['domain', 'io', 'store', 'documents'];
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/** Imports of a source file that resolve into src/cli. */
function upward(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const cli = path.join(REPO, 'src', 'cli') + path.sep;
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1]!)
    .filter((s) => s.startsWith('.') && (path.resolve(path.dirname(file), s) + path.sep).startsWith(cli));
}

describe('layers: nothing below src/cli imports from it', () => {
  it('finds an import up into src/cli (the check itself)', () => {
    const probe = path.join(REPO, 'src', 'io', '__probe__.ts');
    const text = "import { formatIssues } from '../cli/issue-report.js';\n";
    expect([...text.matchAll(SPECIFIER)].map((m) => m[1])).toEqual(['../cli/issue-report.js']);
    expect(path.resolve(path.dirname(probe), '../cli/issue-report.js').startsWith(path.join(REPO, 'src', 'cli'))).toBe(true);
  });

  it.each(LOWER)('src/%s', (layer) => {
    const files = fs.readdirSync(path.join(REPO, 'src', layer), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => upward(path.join(REPO, 'src', layer, f)).map((s) => `src/${layer}/${f}: ${s}`));
    expect(found).toEqual([]);
  });
});
