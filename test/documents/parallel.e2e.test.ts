// The render pool of the BUILT code (dist/, made by tsc before vitest): files rendered by this thread and workers
// come back complete, in task order; a failing task rejects with the file's name and leaves no worker and no temp
// file behind.
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

/** A task that fails while rendering: a writing area taller than a page. */
const failing = (file: string) => {
  const t = task(file, ['X']);
  t.batch.perCandidate[0]!.blocks = [{ type: 'observation' as const, label: 'trop haut', height: 2000 }] as never;
  return t;
};
const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

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

  it('reports a task failing in the worker by its file, writes no partial file and leaves no temp file', async () => {
    const { startRenderPool } = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
    const pool = startRenderPool(2);
    // Biggest first: this thread takes the 3-candidate file, the worker the failing one.
    const tasks = [task(path.join(dir, 'big.pdf'), ['A', 'B', 'C']), failing(path.join(dir, 'bad.pdf'))];
    await expect(pool.run(tasks)).rejects.toThrow(/rendu PDF \(.*bad\.pdf\) : .*ne tient pas sur une page/);
    expect(fs.existsSync(path.join(dir, 'bad.pdf'))).toBe(false);
    expect(leftovers(dir)).toEqual([]);
    await expect(pool.run(tasks)).rejects.toThrow(/fermé/); // a failed run closes the pool
    await pool.close();
  });

  it('stops the workers when this thread fails, and cleans their temp files', async () => {
    const { startRenderPool } = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
    const pool = startRenderPool(2);
    const many = Array.from({ length: 400 }, (_, i) => `CANDIDAT ${i}`);
    const bad = failing(path.join(dir, 'bad.pdf'));
    bad.batch.jobs = many.map((n) => ({ footer: n, vm: { candidat: n } })); // biggest: taken by this thread
    const tasks = [bad, task(path.join(dir, 'other.pdf'), many.slice(1))];
    await expect(pool.run(tasks)).rejects.toThrow(/bad\.pdf/);
    expect(leftovers(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'bad.pdf'))).toBe(false);
    await pool.close();
  });

  it('starts its workers before the tasks are known and runs several batches until closed', async () => {
    const { startRenderPool } = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
    const pool = startRenderPool(2);
    try {
      const first = await pool.run([task(path.join(dir, '1.pdf'), ['A']), task(path.join(dir, '2.pdf'), ['B', 'C'])]);
      const second = await pool.run([task(path.join(dir, '3.pdf'), ['D', 'E']), task(path.join(dir, '4.pdf'), ['F'])]);
      expect([...first, ...second].map((r) => [path.basename(r.file), r.pages])).toEqual([['1.pdf', 1], ['2.pdf', 2], ['3.pdf', 2], ['4.pdf', 1]]);
      expect((await pdfText(fs.readFileSync(path.join(dir, '3.pdf')))).flat).toContain('Nom : E');
    } finally {
      await pool.close();
      await pool.close();
    }
  });

  // Commit last (examiners convocations): inside stageOutputs the workers' files wait in their temp files too, and are
  // renamed by this thread with its own at publish — or all removed when one file fails.
  it('inside stageOutputs, files rendered by the workers are renamed only at publish, and none is left on a failure', async () => {
    const { startRenderPool } = await load();
    const { stageOutputs } = (await import(path.join(REPO, 'dist/io/output.js'))) as typeof import('../../src/io/output.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
    const pool = startRenderPool(2);
    try {
      const names = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}.pdf`);
      let results: Awaited<ReturnType<typeof pool.run>> = [];
      const staged = await stageOutputs(async () => {
        results = await pool.run(names.map((n) => task(path.join(dir, n), [`NOM ${n}`])));
      });
      // Rendered by both threads (not all by this one), nothing at the targets yet: every file is a temp file.
      expect(results.some((r) => r.staged?.length)).toBe(true);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
      expect(leftovers(dir)).toHaveLength(12);
      staged.publish();
      expect(fs.readdirSync(dir).sort()).toEqual(names);
      expect((await pdfText(fs.readFileSync(path.join(dir, '07.pdf')))).flat).toContain('Nom : NOM 07.pdf');

      const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pool-'));
      const pool2 = startRenderPool(2);
      const tasks = [...names.map((n) => task(path.join(dir2, n), ['A'])), failing(path.join(dir2, 'bad.pdf'))];
      await expect(stageOutputs(async () => void (await pool2.run(tasks)))).rejects.toThrow(/bad\.pdf/);
      await pool2.close();
      expect(fs.readdirSync(dir2)).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
