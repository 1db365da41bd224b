// The embedded Unicode font. Helvetica (a standard PDF font) garbles names such as "Nguyễn Đức": DejaVu Sans is
// embedded instead. Never registered as a Buffer: pdfkit re-parses the TTF at every font switch (≈15 pages/s
// instead of ≈370, NOTES-LIBRARIES.md); a parsed fontkit font is registered instead (below).
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

// Parsing the three TTF files is most of what a new document costs before its first line (≈50–90 ms): noticeable
// when a batch is split into one PDF per centre. Each thread parses them once (in a scratch document, never drawn
// into) and gives every document its own VIEW of the parsed font: the decoded tables are shared (read-only once
// decoded), the glyph objects are not. Sharing the font object itself is wrong: fontkit keeps each glyph with the
// code points of its first use, and glyphs first met while subsetting a previous document (components of accented
// letters) would then have none, so their text no longer extracts (tests caught it).
type PdfKitCtor = new (opts: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;
/** pdfkit 0.20 internals: the current font, and the fontkit font behind an embedded one. */
type WithFont = { _font: { font: object } };

let parsed: Map<FontName, object> | undefined;

function parsedFonts(PDFDocument: PdfKitCtor): Map<FontName, object> {
  if (parsed) return parsed;
  const scratch = new PDFDocument({ autoFirstPage: false });
  parsed = new Map();
  for (const [name, file] of Object.entries(fontFiles()) as [FontName, string][]) {
    scratch.font(file);
    parsed.set(name, (scratch as unknown as WithFont)._font.font);
  }
  return parsed;
}

/** A font for one document: shares the parsed tables, with its own glyph cache (layout engine likewise, lazily). */
function viewOf(font: object): object {
  return Object.assign(Object.create(font) as object, { _glyphs: {} });
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  // The scratch document is made with the same pdfkit class as `doc`.
  const fonts = parsedFonts(doc.constructor as PdfKitCtor);
  for (const [name, font] of fonts) doc.registerFont(name, viewOf(font) as unknown as string);
  doc.font(FONT.regular);
}
