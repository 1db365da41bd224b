// The render pool of the BUILT code (dist/, made by tsc before vitest): files rendered by this thread and workers
// come back complete, in task order; a failing task rejects and leaves no worker behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';

type Parallel = typeof import('../../src/documents/parallel.js');
const load = async () => (await import(path.join(REPO, 'dist/documents/parallel.js'))) as Parallel;

const task = (file: string, names: string[]) => ({
  kind: 'grids' as const,
  file,
  meta: { title: 't', creationDate: new Date('2024-05-01T00:00:00Z') },
  batch: {
    reference: [],
    perCandidate: [{ id: 'x', annexe: '0', unit: 'U4', forms: ['ponctuel' as const], role: 'grid' as const, order: 1, title: 'x', source: 's', blocks: [{ type: 'fields' as const, columns: 1, fields: [{ label: 'Nom', bind: 'candidat' as const }] }] }],
    common: {},
    jobs: names.map((n) => ({ footer: n, vm: { candidat: n } })),
  },
});

describe('renderTasks with a worker thread', () => {
  it('renders the files on this thread and a worker thread, results in task order', async () => {
    const { renderTasks } = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
    const tasks = [task(path.join(dir, 'a.pdf'), ['NGUYỄN Đức']), task(path.join(dir, 'b.pdf'), ['ØDEGÅRD Ødegård', 'MARTIN Léa']), task(path.join(dir, 'c.pdf'), ['PAYET Maëlle'])];
    const res = await renderTasks(tasks, { workers: 2 });
    expect(res.map((r) => [path.basename(r.file), r.documents, r.pages])).toEqual([['a.pdf', 1, 1], ['b.pdf', 2, 2], ['c.pdf', 1, 1]]);
    expect((await pdfText(fs.readFileSync(path.join(dir, 'b.pdf')))).flat).toContain('Nom : MARTIN Léa');
  });

  it('rejects when a task fails (unwritable path)', async () => {
    const { renderTasks } = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
    fs.writeFileSync(path.join(dir, 'not-a-dir'), '');
    const tasks = [task(path.join(dir, 'ok.pdf'), ['A']), task(path.join(dir, 'not-a-dir', 'x.pdf'), ['B'])];
    await expect(renderTasks(tasks, { workers: 2 })).rejects.toThrow(/rendu PDF/);
  });
});
