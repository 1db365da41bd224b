// Reads a PDF back with pdfjs-dist: the text of each page, to assert what a printed document really says.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: string[];
  /** All pages, whitespace collapsed to single spaces (text may wrap anywhere). */
  flat: string;
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function pdfText(data: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : ' ');
    }
    pages.push(text);
  }
  await doc.destroy();
  return { pages, flat: collapse(pages.join(' ')) };
}
