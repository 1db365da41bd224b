// The harmonisation report of one épreuve (A4, French, printable): how the figures are computed, the histogram of
// the épreuve's notes, then per grouping (oral commissions, CCF établissements) the box plots of the groups on one
// 0–20 axis and the table — count, mean, median, standard deviation, quartiles, min/max, shares below 8, 8 to 10
// and from 10, difference from the rest with Welch's p-value, and the verdict.
import { FONT, fields, heading, HEADER_FILL, table, titleBlock, writePdfFile, type Cell, type PdfResult } from '../render/index.js';
import { boxPlotSpec, histogramSpec, type ChartSpec } from '../charts/specs.js';
import { chartBlock } from './charts-in-pdf.js';
import { decimal, pValue } from './format.js';
import type { Figures, GroupFigures, HarmonisationView, SectionView } from './harmonisation-view.js';
import { VERDICT_TEXT } from './harmonisation-view.js';

const num = (x: number | null) => (x === null ? '—' : decimal(x));
const pct = (x: number | null) => (x === null ? '—' : `${decimal(x, 1)}\u00a0%`); // no-break space: « 100,0 % » stays on one line
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${decimal(Math.abs(x))}`);
const head = (cells: string[]): Cell[] => cells.map((text) => ({ text, bold: true, size: 6, fill: HEADER_FILL, align: 'center' as const }));

const BOXES_PER_CHART = 40;
const boxName = (v: HarmonisationView, s: SectionView, i: number, parts: number) => `boites-${v.epreuve}-${s.par}${parts > 1 ? `-${i + 1}` : ''}`;

/** The charts of the report, also written one by one by --png. */
export function harmonisationCharts(v: HarmonisationView): ChartSpec[] {
  const charts = [histogramSpec(`notes-${v.epreuve}`, `${v.epreuve} — toutes les notes de l’épreuve (${v.notes.effectif})`, v.notes.repartition, 'note sur 20')];
  for (const s of v.sections) {
    const rows = s.groupes.filter((g) => g.effectif > 0).map((g) => ({
      label: g.libelle, n: g.effectif, min: g.min!, q1: g.q1!, median: g.mediane!, q3: g.q3!, max: g.max!, flagged: g.avis === 'ecart',
    }));
    // A printed chart holds BOXES_PER_CHART groups (≈ 560 points high on A4): 500 établissements make 13 charts.
    const parts = Math.ceil(rows.length / BOXES_PER_CHART);
    for (let i = 0; i < parts; i++) {
      const title = `${v.epreuve} — ${s.titre.charAt(0).toLowerCase()}${s.titre.slice(1)} : médiane, quartiles, min et max${parts > 1 ? ` (${i + 1}/${parts})` : ''}`;
      charts.push(boxPlotSpec(boxName(v, s, i, parts), title, rows.slice(i * BOXES_PER_CHART, (i + 1) * BOXES_PER_CHART)));
    }
  }
  return charts;
}

const COLUMNS = [3.2, 1.05, 1, 1, 1, 1, 1, 1, 1, 1.45, 1.45, 1.45, 1.1, 1.1, 1.1, 1.8];
const HEADER = ['Groupe', 'Notes', 'Moy.', 'Méd.', 'Éc.-type', 'Q1', 'Q3', 'Min', 'Max', '< 8', '8 à 10', '≥ 10', 'Écart au reste', 'p', 'p × k', 'Avis'];

function figureCells(f: Figures): Cell[] {
  return [String(f.effectif), num(f.moyenne), num(f.mediane), num(f.ecartType), num(f.q1), num(f.q3), num(f.min), num(f.max), pct(f.partMoins8), pct(f.part8a10), pct(f.partAuMoins10)];
}

function groupRow(g: GroupFigures): Cell[] {
  const flagged = g.avis === 'ecart';
  const verdict: Cell = { text: VERDICT_TEXT[g.avis], bold: flagged, italic: g.avis === 'trop-petit', ...(flagged ? { fill: '#f6c9c9' } : {}) };
  const label = `${g.libelle}${g.groupe && g.groupe !== g.libelle ? ` [${g.groupe}]` : ''}${g.codes ? ` — ${g.codes} code(s)` : ''}`;
  return [{ text: label, bold: flagged }, ...figureCells(g), signed(g.ecartAuReste), pValue(g.p), pValue(g.pBonferroni), verdict];
}

function sectionTable(w: Parameters<typeof table>[0], s: SectionView): void {
  table(w, {
    columns: COLUMNS,
    header: [head(HEADER)],
    rows: [...s.groupes.map(groupRow), [{ text: 'Ensemble de la section', bold: true }, ...figureCells(s), '', '', '', '']],
    fontSize: 6.5,
    keepWithHeader: 3,
  });
}

export async function writeHarmonisationPdf(file: string, v: HarmonisationView, now: Date): Promise<PdfResult> {
  const charts = new Map(harmonisationCharts(v).map((c) => [c.name, c]));
  const where = `session ${v.session}${v.academie ? ` — académie de ${v.academie}` : ''}`;
  return writePdfFile(file, { title: `Commission d’harmonisation ${v.epreuve}`, creationDate: now }, async (w) => {
    w.beginDocument(`BTS CCST — commission d’harmonisation ${v.epreuve} — ${where}`);
    titleBlock(w, ['BTS Conseil et commercialisation de solutions techniques', `Commission d’harmonisation — épreuve ${v.epreuve} (unité ${v.unite})`, where]);
    const n = v.notes;
    fields(w, [
      { label: 'Notes de l’épreuve', value: `${n.effectif}${Object.keys(n.codes).length ? ` (hors calcul : ${Object.entries(n.codes).map(([c, k]) => `${c} ${k}`).join(', ')})` : ''}` },
      { label: 'Moyenne', value: `${num(n.moyenne)} — médiane ${num(n.mediane)} — écart-type ${num(n.ecartType)}` },
    ]);
    const m = v.methode;
    w.paragraph(
      `Chaque groupe est comparé au reste de sa section par le test de ${m.test.replace(/^Welch /, 'Welch ')}. ` +
        `Un écart est signalé quand la p-valeur multipliée par le nombre k de groupes testés (correction de Bonferroni) est inférieure à ${decimal(m.risque * 100, 0)} % : ` +
        `sur 40 groupes, un test à 5 % chacun en signalerait deux par le seul hasard. Un groupe de moins de ${m.effectifMinimum} notes n’est pas jugé (effectif trop faible). ` +
        `Quartiles : ${m.quartiles}. Moyennes et quartiles tronqués au centième ; parts tronquées au dixième de point de pourcentage. Les codes (ABS, ABJ, NV, DIS…) ne sont pas des notes : comptés, jamais dans les calculs.`,
      { size: 7.5 },
    );
    w.space(4);
    await chartBlock(w, charts.get(`notes-${v.epreuve}`)!, w.contentWidth * 0.85);
    for (const s of v.sections) {
      // The heading stays with its first chart (≈ 13 points a group once scaled to the page) rather than alone at
      // the foot of a page.
      heading(w, `${s.titre} — ${s.groupes.length} groupe(s), ${s.effectif} note(s)`, { keep: 130 + 13 * Math.min(s.groupes.length, BOXES_PER_CHART) });
      w.paragraph(`Section : ${s.population}. Colonne « groupe » d’un fichier d’ajustements (ccst harmonisation apply) : le code entre crochets.`, { font: FONT.italic, size: 7 });
      const parts = Math.ceil(s.groupes.filter((g) => g.effectif > 0).length / BOXES_PER_CHART);
      for (let i = 0; i < parts; i++) await chartBlock(w, charts.get(boxName(v, s, i, parts))!);
      sectionTable(w, s);
    }
  });
}
