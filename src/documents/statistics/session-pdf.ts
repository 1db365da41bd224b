// The session statistics report (A4, French, printable): totals and decisions, the moyenne générale histogram
// with the 8 and 10 thresholds, CONTROLE candidates, each breakdown as a table with its pass-rate chart, and each
// épreuve's distribution.
import { DECISIONS } from '../../domain/deliberation/decide.js';
import type { GroupCounts } from '../../domain/statistics/session.js';
import { formatRate } from '../../domain/statistics/rate.js';
import { FONT, fields, heading, HEADER_FILL, table, titleBlock, writePdfFile, type Cell, type PdfResult } from '../render/index.js';
import { histogramSpec, rateBarsSpec, type ChartSpec } from '../charts/specs.js';
import { chartBlock } from './charts-in-pdf.js';
import { decimal } from './format.js';
import type { SessionView } from './session-view.js';

const num = (x: number | null) => (x === null ? '—' : decimal(x));
const head = (cells: string[]): Cell[] => cells.map((text) => ({ text, bold: true, size: 6.5, fill: HEADER_FILL, align: 'center' as const }));

/** The charts of the report, also written one by one by --png. */
export function sessionCharts(v: SessionView): ChartSpec[] {
  const charts = [histogramSpec('moyennes-generales', `Moyennes générales — session ${v.session} (${v.moyennes.effectif})`, v.moyennes.repartition, 'moyenne générale (tronquée)')];
  for (const g of v.parGroupe) {
    const rows = g.groupes.filter((x) => x.taux !== null).map((x) => ({ label: x.key, taux: x.taux!, deliberes: x.deliberes }));
    if (rows.length > 1 && rows.length <= 60) charts.push(rateBarsSpec(`taux-${g.par}`, `Taux de réussite — ${g.titre.toLowerCase()}`, rows));
  }
  for (const e of v.epreuves) charts.push(histogramSpec(`notes-${e.epreuve}`, `${e.epreuve} — notes (${e.effectif})`, e.repartition, 'note sur 20'));
  return charts;
}

function countsRow(label: string, g: GroupCounts): Cell[] {
  return [label, String(g.inscrits), String(g.presents), String(g.deliberes), String(g.admis), formatRate(g.admis, g.deliberes), ...DECISIONS.map((d) => String(g.decisions[d]))];
}
const COUNT_HEADER = ['Inscrits', 'Présents', 'Délibérés', 'Admis', 'Taux', 'ADM', 'CTRL', 'AJ', 'ELIM', 'INC'];
const COUNT_WIDTHS = [4.6, 1.1, 1.15, 1.2, 1, 1.3, 0.8, 0.8, 0.7, 0.8, 0.7];

export async function writeSessionPdf(file: string, v: SessionView, now: Date): Promise<PdfResult> {
  const charts = new Map(sessionCharts(v).map((c) => [c.name, c]));
  return writePdfFile(file, { title: `Statistiques de la session ${v.session}`, creationDate: now }, async (w) => {
    w.beginDocument(`BTS CCST — statistiques de la session ${v.session}`);
    titleBlock(w, ['BTS Conseil et commercialisation de solutions techniques', `Statistiques de la session ${v.session}${v.academie ? ` — académie de ${v.academie}` : ''}`]);
    const t = v.total;
    fields(w, [
      { label: 'Inscrits', value: String(t.inscrits) },
      { label: 'Présents', value: String(t.presents) },
      { label: 'Délibérés', value: String(t.deliberes) },
      { label: 'Admis', value: `${t.admis} (${formatRate(t.admis, t.deliberes)} des délibérés)` },
    ]);
    if (v.comparaison) {
      heading(w, `Comparaison avec ${v.comparaison.fichier}`);
      const c = v.comparaison.total;
      table(w, { columns: COUNT_WIDTHS, header: [head(['', ...COUNT_HEADER])], rows: [countsRow('Cette session', t), countsRow('Session comparée', c)], fontSize: 8 });
    }
    heading(w, 'Décisions');
    table(w, { columns: [3, 1, 1], header: [head(['Décision', 'Candidats', 'Part des inscrits'])], rows: DECISIONS.map((d) => [d, String(t.decisions[d]), formatRate(t.decisions[d], t.inscrits)]) });
    heading(w, 'Épreuves de contrôle');
    const k = v.controle;
    const recorded = k.total - k.pending;
    table(w, {
      columns: [4, 1],
      rows: [
        ['Candidats envoyés au contrôle', String(k.total)],
        ['Contrôle non encore enregistré', String(k.pending)],
        ...(['ADMIS', 'AJOURNE', 'ELIMINE'] as const).map((d) => [`Après contrôle : ${d} (${formatRate(k.after[d], recorded)})`, String(k.after[d])]),
        ['Unités dont la note a été relevée par le contrôle', String(k.unitsRaised)],
      ],
    });
    w.space(6);
    await chartBlock(w, charts.get('moyennes-generales')!);
    for (const g of v.parGroupe) {
      heading(w, g.titre, { keep: 80 });
      table(w, { columns: COUNT_WIDTHS, header: [head(['', ...COUNT_HEADER])], rows: g.groupes.map((x) => countsRow(x.key, x)), fontSize: 7, keepWithHeader: 3 });
      const chart = charts.get(`taux-${g.par}`);
      if (chart) await chartBlock(w, chart);
      if (g.par === 'etablissement' && v.comparaison) {
        heading(w, `Par établissement — ${v.comparaison.fichier}`, { keep: 80 });
        table(w, { columns: COUNT_WIDTHS, header: [head(['', ...COUNT_HEADER])], rows: v.comparaison.parEtablissement.map((x) => countsRow(x.key, x)), fontSize: 7, keepWithHeader: 3 });
      }
    }
    heading(w, 'Notes par épreuve (moyenne et quartiles tronqués ; quartiles : définition 7 de Hyndman et Fan, celle d’Excel)', { keep: 80 });
    table(w, {
      columns: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      header: [head(['Épreuve', 'Notes', 'Moy.', 'Éc.-type', 'Min', 'Q1', 'Méd.', 'Q3', 'Max', '< 8', '8 à 10', '≥ 10'])],
      rows: v.epreuves.map((e) => [
        { text: e.epreuve, bold: true }, String(e.effectif), num(e.moyenne), num(e.ecartType), num(e.min), num(e.q1), num(e.mediane), num(e.q3), num(e.max),
        formatRate(e.moins8, e.effectif), formatRate(e.de8a10, e.effectif), formatRate(e.auMoins10, e.effectif),
      ]),
      fontSize: 7,
    });
    const codes = v.epreuves.filter((e) => Object.keys(e.codes).length).map((e) => `${e.epreuve} : ${Object.entries(e.codes).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    if (codes.length) w.paragraph(`Hors calcul (codes) — ${codes.join(' ; ')}`, { font: FONT.italic, size: 7 });
    for (const e of v.epreuves) await chartBlock(w, charts.get(`notes-${e.epreuve}`)!, w.contentWidth * 0.8);
  });
}
