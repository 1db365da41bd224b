// Worker thread of the render pool (parallel.ts): receives one RenderTask at a time, writes its file, replies.
import { parentPort } from 'node:worker_threads';
import { renderTask, type RenderTask } from './parallel.js';

parentPort?.on('message', (task: RenderTask) => {
  renderTask(task).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
