// A chart placed in the flow of a PdfWriter page: room made first (a chart never splits), vectors drawn by
// svg-to-pdfkit, the writer's remembered graphic state reset afterwards.
import type { PdfWriter } from '../render/index.js';
import { chartSvg, drawSvg } from '../charts/render.js';
import type { ChartSpec } from '../charts/specs.js';

export async function chartBlock(w: PdfWriter, chart: ChartSpec, width = w.contentWidth): Promise<void> {
  const svg = await chartSvg(chart);
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const height = size ? (Number(size[2]) * width) / Number(size[1]) : width / 2;
  w.ensureSpace(height + 6);
  await drawSvg(w.doc, svg, w.left, w.y, width);
  w.resetGraphicState();
  w.y += height + 6;
}
