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
/** The parsed fonts of this thread: only a view of one of them shares layouts and glyph copies (below). */
const ours = new WeakSet<object>();
/** The parsed font behind a document's font when it is one of our views; undefined for any other font. */
function parsedBehind(font: object): object | undefined {
  const proto = Object.getPrototypeOf(font) as object | null;
  return proto && ours.has(proto) ? proto : undefined;
}

function parsedFonts(PDFDocument: PdfKitCtor): Map<FontName, object> {
  if (parsed) return parsed;
  const scratch = new PDFDocument({ autoFirstPage: false });
  parsed = new Map();
  for (const [name, file] of Object.entries(fontFiles()) as [FontName, string][]) {
    scratch.font(file);
    const font = (scratch as unknown as WithFont)._font.font;
    parsed.set(name, font);
    ours.add(font);
  }
  return parsed;
}

/** A font for one document: shares the parsed tables, with its own glyph cache (layout engine likewise, lazily). */
function viewOf(font: object): object {
  return Object.assign(Object.create(font) as object, { _glyphs: {} });
}

// Laying out a word (fontkit: cmap, GSUB/GPOS, positions) is most of what drawing a text costs. pdfkit keeps the
// layouts in a cache per embedded font, that is per PDF: a batch of one PDF per person (examiner convocations) laid
// out the same rules, headings and labels again in every file. A layout depends only on the font and the word, so
// each thread keeps ONE cache per parsed font, shared by its documents' views. What a document takes from a layout is
// the glyph ids, advance widths and code points (EmbeddedFont.encode): each document still has its own subset and
// its own glyph objects for subsetting (viewOf), and the bytes written are those of a per-document layout.
// Layouts are made while drawing, before that document's subsetting (see above: no glyph without its code points).
type LayoutRun = object;
interface EmbeddedFontInternals {
  font: object;
  layoutCache?: Record<string, LayoutRun>;
  layoutRun(text: string, features?: unknown): LayoutRun;
  layoutCached(text: string): LayoutRun;
}
/** Words kept per font before the cache is emptied: names and numbers rarely repeat, rules and labels come back at once. */
const MAX_LAYOUTS = 50_000;
const layouts = new WeakMap<object, Map<string, LayoutRun>>();
let sharedLayouts = false;

function shareLayouts(embedded: EmbeddedFontInternals): void {
  if (sharedLayouts) return;
  sharedLayouts = true;
  const proto = Object.getPrototypeOf(embedded) as EmbeddedFontInternals;
  proto.layoutCached = function (this: EmbeddedFontInternals, text: string): LayoutRun {
    const parsedFont = parsedBehind(this.font);
    // A document made with fontLayoutCache: false, or a font that is not one of ours (a chart's, a font by path):
    // pdfkit's own per-document behaviour.
    if (!this.layoutCache) return this.layoutRun(text);
    if (!parsedFont) {
      const known = this.layoutCache[text];
      if (known) return known;
      return (this.layoutCache[text] = this.layoutRun(text));
    }
    let cache = layouts.get(parsedFont);
    if (!cache) layouts.set(parsedFont, (cache = new Map()));
    let run = cache.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      if (cache.size >= MAX_LAYOUTS) cache.clear();
      cache.set(text, run);
    }
    return run;
  };
}

// Subsetting (at the end of each PDF) decodes every glyph it copies again: per file, a few hundred glyph decodings.
// What it copies for a glyph id — its bytes in the glyf table, its components, its metrics — depends on the font
// alone: kept per thread and parsed font. Only the component ids, renumbered in each subset, are written per file
// (as fontkit's TTFSubset._addGlyph does; the bytes are the same).
interface TtfSubsetInternals {
  font: { _variationProcessor?: unknown; loca: { offsets: number[] }; getGlyph(gid: number): { _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; advanceWidth: number; _getMetrics(): { leftBearing: number } }; _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  glyphEncoder?: unknown;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}
interface CopiedGlyph {
  bytes: Uint8Array;
  components: { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}
const copiedGlyphs = new WeakMap<object, Map<number, CopiedGlyph>>();

function shareGlyphCopies(subset: TtfSubsetInternals): void {
  const proto = Object.getPrototypeOf(subset) as TtfSubsetInternals;
  // TrueType outlines only (DejaVu): a CFF subset has no glyphEncoder and is left as it is.
  if (!('glyphEncoder' in subset) || typeof proto._addGlyph !== 'function' || (proto as { ccstShared?: boolean }).ccstShared) return;
  const original = proto._addGlyph;
  (proto as { ccstShared?: boolean }).ccstShared = true;
  proto._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
    const parsedFont = parsedBehind(this.font);
    if (!parsedFont || this.font._variationProcessor) return original.call(this, gid);
    let cache = copiedGlyphs.get(parsedFont);
    if (!cache) copiedGlyphs.set(parsedFont, (cache = new Map()));
    let g = cache.get(gid);
    if (!g) {
      const glyph = this.font.getGlyph(gid);
      const glyf = glyph._decode();
      const start = this.font.loca.offsets[gid]!;
      const stream = this.font._getTableStream('glyf');
      stream.pos += start;
      const bytes = Uint8Array.from(stream.readBuffer(this.font.loca.offsets[gid + 1]! - start));
      const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : [];
      g = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      cache.set(gid, g);
    }
    let bytes = g.bytes;
    if (g.components.length) {
      bytes = new Uint8Array(g.bytes);
      const view = new DataView(bytes.buffer);
      for (const c of g.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: g.advance, bearing: g.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  // The scratch document is made with the same pdfkit class as `doc`.
  const fonts = parsedFonts(doc.constructor as PdfKitCtor);
  for (const [name, font] of fonts) doc.registerFont(name, viewOf(font) as unknown as string);
  doc.font(FONT.regular);
  const embedded = (doc as unknown as { _font: EmbeddedFontInternals & { subset: TtfSubsetInternals } })._font;
  shareLayouts(embedded);
  shareGlyphCopies(embedded.subset);
}
