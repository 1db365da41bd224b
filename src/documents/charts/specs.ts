// Vega-Lite specs of the harmonisation and session charts. Built from AGGREGATED figures (quartiles per group,
// counts per point), never from raw notes: a chart of 250,000 notes costs the same as one of 200 (issue 15 bench).
// Pure data: rendering (vega, resvg, svg-to-pdfkit) lives in render.ts and is imported lazily.

/** The font every chart uses: the DejaVu Sans embedded in the PDFs (accents render; resvg is given its file). */
export const CHART_FONT = 'DejaVu Sans';

export interface ChartSpec {
  /** File-name stem for --png (« boites-E5 », « histogramme-moyennes »). */
  name: string;
  title: string;
  vl: Record<string, unknown>;
}

const base = (width: number, height: number) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width,
  height,
  background: 'white',
  config: {
    font: CHART_FONT,
    view: { stroke: null },
    axis: { labelFontSize: 10, titleFontSize: 10, grid: true, gridColor: '#e4e4e4' },
    title: { fontSize: 12, anchor: 'start' },
  },
});

export interface BoxRow {
  label: string;
  n: number;
  /** Points (not hundredths). */
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  flagged: boolean;
}

/**
 * One box per group on one axis 0–20: box Q1–Q3, median tick, whiskers min–max (the figures of the table).
 * The order is the caller's (explicit `sort`: a nominal axis would put « Lot 10 » before « Lot 2 »).
 */
export function boxPlotSpec(name: string, title: string, rows: BoxRow[], width = 430): ChartSpec {
  const values = rows.map((r) => ({ ...r, groupe: `${r.label} (${r.n})`, ecart: r.flagged ? 'écart significatif' : 'sans écart significatif' }));
  const order = values.map((v) => v.groupe);
  const y = { field: 'groupe', type: 'nominal', sort: order, title: null, axis: { labelLimit: 280 } };
  const x = { type: 'quantitative', scale: { domain: [0, 20] }, title: 'note sur 20' };
  const color = {
    field: 'ecart',
    type: 'nominal',
    scale: { domain: ['sans écart significatif', 'écart significatif'], range: ['#4c78a8', '#d62728'] },
    legend: { orient: 'bottom', title: null, labelLimit: 300 },
  };
  return {
    name,
    title,
    vl: {
      ...base(width, Math.max(40, rows.length * 18)),
      title,
      data: { values },
      encoding: { y },
      layer: [
        { mark: { type: 'rule', color: '#555' }, encoding: { x: { ...x, field: 'min' }, x2: { field: 'max' } } },
        { mark: { type: 'bar', size: 11 }, encoding: { x: { ...x, field: 'q1' }, x2: { field: 'q3' }, color } },
        { mark: { type: 'tick', color: 'black', size: 13, thickness: 2 }, encoding: { x: { ...x, field: 'median' } } },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#999' }, data: { values: [{ seuil: 10 }] }, encoding: { x: { field: 'seuil', type: 'quantitative' }, y: null } },
      ],
    },
  };
}

/**
 * Counts per whole point (bin k = [k, k+1[, 20 in the last bin), with the 8 and 10 thresholds drawn
 * (contrôle from 8, admission at 10).
 */
export function histogramSpec(name: string, title: string, bins: number[], xTitle: string, width = 430): ChartSpec {
  const values = bins.map((count, k) => ({ debut: k, fin: k + 1, effectif: count }));
  return {
    name,
    title,
    vl: {
      ...base(width, 150),
      title,
      layer: [
        {
          data: { values },
          mark: { type: 'bar', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
          encoding: {
            x: { field: 'debut', type: 'quantitative', scale: { domain: [0, 20] }, axis: { values: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20] }, title: xTitle },
            x2: { field: 'fin' },
            y: { field: 'effectif', type: 'quantitative', title: 'effectif' },
            // Bars from 0: with a ranged x, Vega-Lite would otherwise draw each count as a thin band.
            y2: { datum: 0 },
          },
        },
        {
          data: { values: [{ seuil: 8, texte: '8' }, { seuil: 10, texte: '10' }] },
          mark: { type: 'rule', color: '#d62728', strokeWidth: 1.5, strokeDash: [5, 3] },
          encoding: { x: { field: 'seuil', type: 'quantitative' } },
        },
      ],
    },
  };
}

export interface RateBar {
  label: string;
  /** Percent, truncated to one decimal. */
  taux: number;
  deliberes: number;
}

/** Pass rate per group (horizontal bars, in the caller's order). */
export function rateBarsSpec(name: string, title: string, rows: RateBar[], width = 430): ChartSpec {
  const values = rows.map((r) => ({ groupe: `${r.label} (${r.deliberes})`, taux: r.taux }));
  return {
    name,
    title,
    vl: {
      ...base(width, Math.max(40, rows.length * 16)),
      title,
      data: { values },
      mark: { type: 'bar', color: '#59a14f' },
      encoding: {
        y: { field: 'groupe', type: 'nominal', sort: values.map((v) => v.groupe), title: null, axis: { labelLimit: 280 } },
        x: { field: 'taux', type: 'quantitative', scale: { domain: [0, 100] }, title: 'taux de réussite (%)' },
      },
    },
  };
}
