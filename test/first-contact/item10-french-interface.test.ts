// Issue #10 item 10 — no English left in the interface: commander's errors and help, the terminal prompts,
// zod's messages, each through the library's own configuration point (commander-fr.ts, prompts-fr.ts, zod-fr.ts).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from '../../src/cli/options.js';
import { buildProgram } from '../../src/cli/program.js';
import { frenchPrompter } from '../../src/cli/prompts-fr.js';
import { ccst } from '../helpers/cli.js';
import { privateDir } from './helpers.js';

const tmp = privateDir('item10');
/** Words commander, inquirer or zod print in English. */
const ENGLISH = /\b(error|unknown|required|specified|Allowed|choices|default|Did you mean|Usage|Commands|Arguments:|missing|too many|expected|received|Invalid|display help|navigate|select)\b/;

describe('#10 item 10: commander errors in French (exit 2)', () => {
  const cases: [string[], string][] = [
    [['status', '--bogus'], 'Erreur : option inconnue : --bogus'],
    [['status', '--jsn'], '(vouliez-vous dire --json ?)'],
    [['grids'], 'Erreur : l’option obligatoire --epreuve <code> est absente.'],
    [['grids', '--epreuve', 'E4', '--forme', 'x'], 'Erreur : valeur « x » refusée pour l’option --forme <forme>. Valeurs possibles : ccf, ponctuel.'],
    [['frob'], 'Erreur : commande inconnue : frob'],
    [['convocatons'], '(vouliez-vous dire convocations ?)'],
    [['init', '--session'], 'Erreur : l’option --session <annee> attend une valeur.'],
    [['status', 'extra'], 'Erreur : trop d’arguments pour « status » : 0 attendu(s), 1 reçu(s) (« extra »).'],
    [['import'], 'Erreur : argument obligatoire manquant : <fichier>.'],
  ];
  it.each(cases)('ccst %j', (args, expected) => {
    const r = ccst(args, { cwd: tmp() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(ENGLISH);
    expect(r.stdout).toBe('');
  });

  it('a command group without its subcommand shows its help on stderr and exits 2', () => {
    const r = ccst(['candidates'], { cwd: tmp() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Utilisation : ccst candidates [options] [commande]');
    expect(r.stderr).toContain('export [options]');
    expect(r.stdout).toBe('');
  });
});

describe('#10 item 10: help in French', () => {
  it('headings, choices and defaults', () => {
    const r = ccst(['grids', '--help'], { cwd: tmp() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Utilisation : ccst grids [options]');
    expect(r.stdout).toContain('Options :');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('forme de l’épreuve (valeurs : ccf, ponctuel ; défaut : ponctuel)');
    const root = ccst(['--help'], { cwd: tmp() });
    expect(root.stdout).toContain('Commandes :');
    expect(root.stdout).toContain('help [commande]');
  });

  it('no English heading or word in the help of any command', () => {
    const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
    const commands = all(buildProgram());
    expect(commands.length).toBeGreaterThan(25);
    for (const c of commands) {
      // Command names (« controle choices ») and example lines are the user's words, not commander's.
      const text = c.helpInformation().replace(/\$ ccst [^\n]*/g, '').replace(/^ {2}[a-z-]+ /gm, '').replace(/ccst( [a-z-]+)*/g, '');
      expect(text, c.name()).toContain('Utilisation :');
      expect(text, c.name()).not.toMatch(ENGLISH);
    }
  });
});

/** Runs one prompt against streams of our own, typing `keys` once it is drawn; returns answer and screen. */
async function answer<T>(ask: (p: ReturnType<typeof frenchPrompter>) => Promise<T>, keys: string[]): Promise<{ value: T; screen: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  const pending = ask(frenchPrompter({ input, output }));
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, 30));
    input.write(k);
  }
  return { value: await pending, screen: screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') };
}

describe('#10 item 10: prompts in French', () => {
  it.each([
    ['o\n', true],
    ['oui\n', true],
    ['O\n', true],
    ['n\n', false],
    ['non\n', false],
    ['\n', false],
  ])('confirm « %s » → %s, shown as (o/N)', async (typed, expected) => {
    const r = await answer((p) => p.confirm('Effacer le workspace ?', false), [typed]);
    expect(r.value).toBe(expected);
    expect(r.screen).toContain('Effacer le workspace ? (o/N)');
    expect(r.screen).not.toMatch(/y\/N|\bYes\b|\bNo\b/);
  });

  it('an unknown answer is refused in French, then « non » is taken', async () => {
    const r = await answer((p) => p.confirm('Effacer ?', true), ['peut-être\n', '\x15', 'non\n']);
    expect(r.screen).toContain('(O/n)');
    expect(r.screen).toContain('Répondez « oui » ou « non ».');
    expect(r.value).toBe(false);
  });

  it('select shows its key help in French', async () => {
    const r = await answer((p) => p.select('Règlement', [{ name: 'BTS CCST 2024', value: 'a' }, { name: 'autre', value: 'b' }]), ['\x1b[B', '\n']);
    expect(r.value).toBe('b');
    expect(r.screen).toContain('↑↓ naviguer • ⏎ choisir');
    expect(r.screen).not.toMatch(ENGLISH);
  });
});

describe('#10 item 10: zod messages in French', () => {
  it.each([
    [z.object({ commissions: z.coerce.number().int() }), { commissions: 'abc' }, '--commissions : un nombre est attendu'],
    [z.object({ by: z.enum(['centre', 'voie']) }), { by: 'x' }, '--by : Option invalide : une valeur parmi "centre"|"voie" attendue'],
    [z.object({ jobs: z.coerce.number().max(64) }), { jobs: '100' }, '--jobs : Trop grand'],
  ] as const)('%#', (schema, input, expected) => {
    expect(() => parseOptions(schema, input)).toThrow(expected);
  });
});
