// The files of `ccst examiners convocations`: one PDF per examiner or correcteur, rendered on the render pool
// (parallel.ts) like the candidates' convocations: this thread and the workers each take the next person. Each file
// still costs a pdfkit document; what made it dear — laying out again in every file the words of the rules and
// labels, decoding again the glyphs its font subset copies — is shared by the documents of a thread
// (render/fonts.ts). Inside stageOutputs (commit last) every file stays in its temp file until the caller publishes.
import type { PdfMeta } from './render/index.js';
import type { ExaminerConvocationView } from './examiner-convocation.js';
import type { RenderPool, RenderTask } from './parallel.js';

export interface ExaminerConvocationFile {
  file: string;
  meta: PdfMeta;
  view: ExaminerConvocationView;
}

/** Renders every file; returns the pages. `onFile` is told of each file done (progress). */
export async function renderExaminerConvocations(pool: RenderPool, files: ExaminerConvocationFile[], onFile?: (n: number) => void): Promise<number> {
  const tasks: RenderTask[] = files.map((f) => ({ kind: 'examiner-convocation', file: f.file, meta: f.meta, view: f.view }));
  const results = await pool.run(tasks, onFile);
  return results.reduce((n, r) => n + r.pages, 0);
}
