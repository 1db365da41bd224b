// The embedded Unicode font. Helvetica (a standard PDF font) garbles names such as "Nguyễn Đức": DejaVu Sans is
// embedded instead, registered BY FILE PATH — with a Buffer pdfkit re-parses the TTF at every font switch
// (≈15 pages/s instead of ≈370, NOTES-LIBRARIES.md).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Font names used by every primitive; registered on each document by registerFonts(). */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold', italic: 'Sans-Oblique' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

let cachedDir: string | undefined;

/** The directory of the dejavu-fonts-ttf package's TTF files. */
export function dejavuDir(): string {
  cachedDir ??= path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return cachedDir;
}

export function fontFiles(): Record<FontName, string> {
  const dir = dejavuDir();
  return {
    [FONT.regular]: path.join(dir, 'DejaVuSans.ttf'),
    [FONT.bold]: path.join(dir, 'DejaVuSans-Bold.ttf'),
    [FONT.italic]: path.join(dir, 'DejaVuSans-Oblique.ttf'),
  } as Record<FontName, string>;
}

// Why not share a parsed font object between documents: tried (pdfkit accepts one), but pdfkit keeps per-document
// glyph state on it and the second document's text no longer extracts (tests caught it). By path it is.
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of Object.entries(fontFiles())) doc.registerFont(name, file);
  doc.font(FONT.regular);
}
