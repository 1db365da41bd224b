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

export interface PlacedText {
  page: number;
  str: string;
  /** Origin of the text run in PDF points (y from the bottom of the page). */
  x: number;
  y: number;
}

/** Every text run with its page and position: to check where a text was drawn, not only that it is there. */
export async function pdfTextItems(data: Uint8Array): Promise<PlacedText[]> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out: PlacedText[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '') out.push({ page: i, str: item.str, x: item.transform[4] as number, y: item.transform[5] as number });
    }
  }
  await doc.destroy();
  return out;
}
