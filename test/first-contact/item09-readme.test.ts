// Issue #10 item 9 and « Done when » — the README's install and first commands run verbatim on a fresh copy of the
// repository, with `ccst` resolved as the README says: `npm install -g .` into a private npm prefix (the README's
// `--prefix`, given here as npm_config_prefix so that the lines stay verbatim), its bin folder on the PATH.
// No network: npm runs offline on the node_modules already installed (hard-linked into the copy).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { privateDir } from './helpers.js';

const tmp = privateDir('item09');
const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** The ```sh blocks of the README before its first section after « Démarrage » (install + first commands). */
export function firstCommandBlocks(readme: string): string[] {
  const start = readme.slice(0, readme.indexOf('\n## ', readme.indexOf('## Démarrage') + 1));
  return [...start.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

let copy = '';
let prefix = '';
let env: Record<string, string | undefined> = {};

function bash(script: string, cwd = copy) {
  return spawnSync('bash', ['-e', '-c', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(() => {
  const root = tmp();
  copy = path.join(root, 'ccst');
  prefix = path.join(root, 'npm-prefix');
  fs.mkdirSync(copy);
  fs.mkdirSync(prefix);
  // A fresh clone: the repository's files (tracked, and new ones not ignored), no dist/, no workspace.
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of files) {
    if (!fs.existsSync(path.join(REPO, f))) continue;
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO, f), path.join(copy, f));
  }
  // node_modules as `npm install` would leave it, hard-linked (fast; npm replaces rather than rewrites files).
  const cp = spawnSync('cp', ['-al', path.join(REPO, 'node_modules'), path.join(copy, 'node_modules')]);
  if (cp.status !== 0) throw new Error(cp.stderr.toString());
  // npm rewrites its hidden lockfile in place: give the copy its own, so the shared one is never written.
  const hidden = path.join(copy, 'node_modules', '.package-lock.json');
  if (fs.existsSync(hidden)) {
    const text = fs.readFileSync(hidden);
    fs.rmSync(hidden);
    fs.writeFileSync(hidden, text);
  }
  const pathWithoutCcst = (process.env.PATH ?? '').split(':').filter((p) => !fs.existsSync(path.join(p, 'ccst'))).join(':');
  // Under `npm test`, npm exports its own settings (npm_config_local_prefix is this repository, npm_config_prefix
  // the real global prefix): none of them may leak into the copy's npm, which must see only the ones below.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  env = {
    ...inherited,
    PATH: `${path.join(prefix, 'bin')}:${pathWithoutCcst}`,
    npm_config_prefix: prefix,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    CI: 'true',
    NO_COLOR: '1',
    CCST_WORKSPACE: '',
  };
});

describe('#10 item 9: the README’s install and first commands run verbatim', () => {
  it('the README says how to install the command', () => {
    const blocks = firstCommandBlocks(README);
    expect(blocks.length).toBe(2);
    expect(blocks[0]).toMatch(/^npm install -g \.|^npm link/m);
    expect(blocks[0]).toMatch(/^ccst demo/m);
  });

  it('install, then `ccst demo` and the first commands, with ccst from the PATH', () => {
    expect(bash('command -v ccst').status).not.toBe(0);
    const [install, first] = firstCommandBlocks(README);
    const r = bash(install!);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(bash('command -v ccst').stdout.trim()).toBe(path.join(prefix, 'bin', 'ccst'));
    expect(fs.existsSync(path.join(copy, 'dist', 'cli', 'main.js'))).toBe(true);
    // `prepare` = `npm run build`: tsc, then the bundle that bin/ccst.js runs (scripts/bundle.mjs).
    expect(fs.existsSync(path.join(copy, 'dist', 'bundle', 'ccst.js'))).toBe(true);
    expect(r.stderr).toContain('Démonstration terminée');
    const s = bash(first!);
    expect(s.status, s.stdout + s.stderr).toBe(0);
    expect(fs.existsSync(path.join(copy, 'ccst.db'))).toBe(true);
    expect(fs.existsSync(path.join(copy, 'candidats.xlsx'))).toBe(true);
    expect(s.stdout).toMatch(/Candidats : \d+/);
  }, 900_000);
});
