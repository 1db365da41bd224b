// Worker thread of the render pool (parallel.ts): warms up at once (render/warm-up.ts), then receives one
// RenderTask at a time, writes its file, replies.
import { parentPort } from 'node:worker_threads';
import { renderTask, type RenderTask, type WorkerReply } from './parallel.js';
import { warmUpRenderer } from './render/warm-up.js';

// A failed warm-up only costs speed: the real task reports any real problem.
const warm = warmUpRenderer().catch(() => undefined);

parentPort?.on('message', (task: RenderTask) => {
  const reply = (m: WorkerReply) => parentPort?.postMessage(m);
  warm.then(() => renderTask(task)).then(
    (result) => reply({ ok: true, result }),
    (e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
