// Where a PDF goes: a file written atomically (temp sibling + rename, src/io/output.ts), stdout, or a Buffer.
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { writeFileAtomic } from '../../io/output.js';
import { PdfWriter, type PdfMeta } from './pdf-writer.js';

export type Draw = (w: PdfWriter) => void | Promise<void>;

export interface PdfResult {
  pages: number;
}

async function drawInto(out: fs.WriteStream, meta: PdfMeta, draw: Draw): Promise<PdfResult> {
  let w: PdfWriter | undefined;
  try {
    w = await PdfWriter.create(meta);
    w.doc.pipe(out);
    await draw(w);
  } catch (e) {
    w?.doc.unpipe(out);
    // The stream opens its file asynchronously: closed first, so that the caller's clean-up removes a file that
    // exists (else the temp file would appear after its removal and stay).
    if (!out.closed) {
      const closed = once(out, 'close').catch(() => undefined);
      out.destroy();
      await closed;
    }
    throw e;
  }
  w.finish();
  await finished(out);
  return { pages: w.pageCount };
}

/** Writes the PDF to `file` atomically: a failure leaves any previous file untouched. */
export async function writePdfFile(file: string, meta: PdfMeta, draw: Draw): Promise<PdfResult> {
  let result: PdfResult = { pages: 0 };
  await writeFileAtomic(file, async (tmp) => {
    result = await drawInto(fs.createWriteStream(tmp, { mode: 0o600 }), meta, draw);
  });
  return result;
}

/** Writes the PDF to `target` ('-' = stdout, not closed) or to a file atomically. */
export async function writePdf(target: string, stdout: NodeJS.WritableStream, meta: PdfMeta, draw: Draw): Promise<PdfResult> {
  if (target !== '-') return writePdfFile(target, meta, draw);
  const { buffer, pages } = await renderPdfBuffer(meta, draw);
  stdout.write(buffer);
  return { pages };
}

/** Renders in memory (tests, workers that send parts back). */
export async function renderPdfBuffer(meta: PdfMeta, draw: Draw): Promise<PdfResult & { buffer: Buffer }> {
  const w = await PdfWriter.create(meta);
  const chunks: Buffer[] = [];
  w.doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    w.doc.on('end', () => resolve());
    w.doc.on('error', reject);
  });
  await draw(w);
  w.finish();
  await ended;
  return { buffer: Buffer.concat(chunks), pages: w.pageCount };
}
