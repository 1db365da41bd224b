// Issue #11 finding 7: the code cites the section of the text that holds its rule. Each row: a rule, the sentence
// that states it, the section of the reference text where that sentence stands, and the files citing it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const REFERENCE = '/work/shared/reference/circulaire-toulouse-2023.md';
const read = (f: string) => fs.readFileSync(path.join(REPO, f), 'utf8');

/** The text of a numbered section of the Toulouse circular: from its heading to the next numbered heading. */
function section(text: string, number: string): string {
  const lines = text.split('\n');
  const heading = (l: string) => /^#+\s*(\d+(?:\.\d+)*)\.?\s/.exec(l)?.[1];
  const start = lines.findIndex((l) => heading(l) === number);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && heading(l) !== undefined);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const cases: { rule: string; sentence: string; section: string; wrong: string; files: string[] }[] = [
  {
    rule: 'unjustified absence eliminates',
    sentence: 'Tout candidat absent à une épreuve ou à une sous-épreuve, dont l\'absence est non justifiée, sera éliminé de l\'examen.',
    section: '1.1',
    wrong: '1.2.1',
    files: ['src/domain/deliberation/decide.ts', 'src/domain/deliberation/note-cell.ts'],
  },
  {
    rule: 'NV eliminates',
    sentence: 'ELLE ENTRAÎNE L\'ÉLIMINATION DU CANDIDAT.',
    section: '1.2.2',
    wrong: '1.2.1',
    files: ['src/domain/deliberation/decide.ts'],
  },
];

describe('citations of the circulaire Toulouse 2023 (issue #11 finding 7)', () => {
  it.each(cases)('$rule: « $sentence » is §$section, and the code says so', ({ sentence, section: number, wrong, files }) => {
    if (fs.existsSync(REFERENCE)) expect(section(fs.readFileSync(REFERENCE, 'utf8'), number)).toContain(sentence);
    for (const f of files) {
      const text = read(f);
      expect(text, f).toContain(`Toulouse 2023 §${number}`);
      expect(text, f).not.toContain(`Toulouse 2023 §${wrong}`);
    }
  });
});
