// The files of `ccst examiners convocations`: one PDF per examiner or correcteur.
import { writePdfFile, type PdfMeta } from './render/index.js';
import { drawExaminerConvocation, type ExaminerConvocationView } from './examiner-convocation.js';
import type { RenderPool } from './parallel.js';

export interface ExaminerConvocationFile {
  file: string;
  meta: PdfMeta;
  view: ExaminerConvocationView;
}

/** Renders every file (through writeFileAtomic: staged when called inside stageOutputs); returns the pages. */
export async function renderExaminerConvocations(_pool: RenderPool, files: ExaminerConvocationFile[], onFile?: (n: number) => void): Promise<number> {
  let pages = 0;
  for (const f of files) {
    pages += (await writePdfFile(f.file, f.meta, (w) => drawExaminerConvocation(w, f.view))).pages;
    onFile?.(1);
  }
  return pages;
}
