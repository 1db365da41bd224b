// `ccst stats -o statistiques.xlsx`: the figures of the PDF as sheets (numbers as numbers, rates in percent with
// one decimal, truncated).
import { DECISIONS } from '../../domain/deliberation/decide.js';
import type { GroupCounts } from '../../domain/statistics/session.js';
import { writeWorkbook, type SheetSpec } from '../workbook.js';
import type { SessionView } from './session-view.js';

const COLUMNS = ['groupe', 'inscrits', 'presents', 'deliberes', 'admis', 'taux_reussite_pct', ...DECISIONS];
const row = (g: GroupCounts) => [g.key, g.inscrits, g.presents, g.deliberes, g.admis, g.taux, ...DECISIONS.map((d) => g.decisions[d])];

export function sessionSheets(v: SessionView): SheetSpec[] {
  const title = [`BTS CCST — statistiques de la session ${v.session}${v.academie ? ` — académie de ${v.academie}` : ''}`];
  const sheets: SheetSpec[] = [
    { name: 'Session', title, columns: COLUMNS, rows: [row({ ...v.total, key: `Session ${v.session}` }), ...(v.comparaison ? [row({ ...v.comparaison.total, key: v.comparaison.fichier })] : [])], widths: [40] },
  ];
  for (const g of v.parGroupe) sheets.push({ name: g.titre, title, columns: COLUMNS, rows: g.groupes.map(row), widths: [50] });
  if (v.comparaison) sheets.push({ name: 'Comparaison établissements', title: [`${v.comparaison.fichier} — par établissement`], columns: COLUMNS, rows: v.comparaison.parEtablissement.map(row), widths: [50] });
  sheets.push({
    name: 'Moyennes générales',
    title,
    columns: ['de', 'a_moins_de', 'candidats', ...(v.comparaison ? ['candidats_session_comparee'] : [])],
    rows: v.moyennes.repartition.map((n, k) => [k, k === 19 ? 20.01 : k + 1, n, ...(v.comparaison ? [v.comparaison.moyennes.repartition[k]!] : [])]),
  });
  sheets.push({
    name: 'Épreuves',
    title,
    columns: ['epreuve', 'unite', 'notes', 'moyenne', 'ecart_type', 'min', 'q1', 'mediane', 'q3', 'max', 'moins_de_8', 'de_8_a_10', 'au_moins_10', 'codes'],
    rows: v.epreuves.map((e) => [e.epreuve, e.unite, e.effectif, e.moyenne, e.ecartType, e.min, e.q1, e.mediane, e.q3, e.max, e.moins8, e.de8a10, e.auMoins10, Object.entries(e.codes).map(([c, n]) => `${c} ${n}`).join(', ')]),
  });
  sheets.push({
    name: 'Contrôle',
    title,
    columns: ['indicateur', 'candidats'],
    rows: [
      ['envoyés au contrôle', v.controle.total],
      ['contrôle non enregistré', v.controle.pending],
      ...DECISIONS.map((d) => [`après contrôle : ${d}`, v.controle.after[d]]),
      ['unités relevées par le contrôle', v.controle.unitsRaised],
    ],
    widths: [36],
  });
  return sheets;
}

export function writeSessionXlsx(file: string, v: SessionView): Promise<void> {
  return writeWorkbook(file, sessionSheets(v));
}
