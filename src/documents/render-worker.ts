// Worker thread of the render pool (parallel.ts): warms up at once (render/warm-up.ts), then receives one
// RenderTask at a time, writes its file, replies.
import { parentPort } from 'node:worker_threads';
import { renderTask, type RenderTask, type WorkerReply } from './parallel.js';
import { warmUpRenderer } from './render/warm-up.js';
import { stageOutputs } from '../io/output.js';

// A failed warm-up only costs speed: the real task reports any real problem.
const warm = warmUpRenderer().catch(() => undefined);

// Progress goes back every 10 documents (a message per document would cost more than it tells).
const PROGRESS_EVERY = 10;

parentPort?.on('message', ({ task, progress, stage }: { task: RenderTask; progress: boolean; stage?: boolean }) => {
  const reply = (m: WorkerReply) => parentPort?.postMessage(m);
  let drawn = 0;
  const onDocuments = progress
    ? (n: number) => {
        drawn += n;
        if (drawn < PROGRESS_EVERY) return;
        reply({ progress: drawn });
        drawn = 0;
      }
    : undefined;
  // stage: the file stays in its temp file, named in the reply; the main thread renames it with its own (commit last).
  const render = async () => {
    if (!stage) return renderTask(task, onDocuments);
    let result: Awaited<ReturnType<typeof renderTask>> | undefined;
    const staged = await stageOutputs(async () => {
      result = await renderTask(task, onDocuments);
    });
    return { ...result!, staged: staged.take() };
  };
  warm.then(render).then(
    (result) => {
      if (drawn > 0) reply({ progress: drawn });
      reply({ ok: true, result });
    },
    (e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
