// Rendering of chart specs (specs.ts): Vega-Lite → Vega → SVG headless (no canvas, no DOM), SVG → PNG with resvg,
// SVG → vectors in a pdfkit page with svg-to-pdfkit. All three are imported on first use only: `ccst --help` and
// every command without charts never load them (≈100 packages).
import fs from 'node:fs';
import path from 'node:path';
import { fontFiles, FONT } from '../render/fonts.js';
import { CHART_FONT, type ChartSpec } from './specs.js';
import { writeFileAtomic } from '../../io/output.js';

type VegaLite = typeof import('vega-lite');
type Vega = typeof import('vega');
let libs: Promise<{ vl: VegaLite; vega: Vega }> | undefined;

function loadVega(): Promise<{ vl: VegaLite; vega: Vega }> {
  libs ??= Promise.all([import('vega-lite'), import('vega')]).then(([vl, vega]) => ({ vl, vega }));
  return libs;
}

/** The chart as an SVG document (text as <text> in DejaVu Sans). */
export async function chartSvg(chart: ChartSpec): Promise<string> {
  const { vl, vega } = await loadVega();
  const compiled = vl.compile(chart.vl as unknown as Parameters<VegaLite['compile']>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG at `scale` × its CSS size, with the DejaVu files given to resvg (no system font is assumed). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const files = fontFiles();
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: [files[FONT.regular], files[FONT.bold]], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    background: 'white',
  });
  return r.render().asPng();
}

/** Writes each chart as <dir>/<name>.png; returns the paths. */
export async function writePngs(dir: string, charts: ChartSpec[]): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // personal data: owner only, like the files (issue #9 item 9)
  const out: string[] = [];
  for (const c of charts) {
    const file = path.join(dir, `${c.name}.png`);
    const png = await svgToPng(await chartSvg(c));
    await writeFileAtomic(file, async (tmp) => fs.writeFileSync(tmp, png)); // 0600 temp, renamed (output.ts)
    out.push(file);
  }
  return out;
}

type SvgToPdf = (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, opts: Record<string, unknown>) => void;

/** Draws the SVG into the pdfkit page at (x, y), `width` points wide; returns the height used. */
export async function drawSvg(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, width: number): Promise<number> {
  const SVGtoPDF = ((await import('svg-to-pdfkit')) as unknown as { default: SvgToPdf }).default;
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const height = size ? (Number(size[2]) * width) / Number(size[1]) : width / 2;
  SVGtoPDF(doc, svg, x, y, {
    width,
    height,
    preserveAspectRatio: 'xMinYMin meet',
    // Every text in the charts is DejaVu Sans: the embedded font the document already registered.
    fontCallback: (_family: string, bold: boolean) => (bold ? FONT.bold : FONT.regular),
  });
  return height;
}
