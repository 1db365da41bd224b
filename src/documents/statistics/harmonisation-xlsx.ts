// `ccst harmonisation -o harmonisation-E4.xlsx`: the figures of the PDF as sheets — one per grouping, the
// épreuve's distribution, the method (numbers as numbers; shares in percent, truncated).
import { writeWorkbook, type SheetSpec } from '../workbook.js';
import type { Figures, HarmonisationView } from './harmonisation-view.js';
import { VERDICT_TEXT } from './harmonisation-view.js';

const FIGURE_COLUMNS = ['notes', 'moyenne', 'mediane', 'ecart_type', 'q1', 'q3', 'min', 'max', 'moins_de_8', 'de_8_a_10', 'au_moins_10', 'part_moins_de_8_pct', 'part_8_a_10_pct', 'part_au_moins_10_pct'];
const figureCells = (f: Figures) => [f.effectif, f.moyenne, f.mediane, f.ecartType, f.q1, f.q3, f.min, f.max, f.moins8, f.de8a10, f.auMoins10, f.partMoins8, f.part8a10, f.partAuMoins10];

export function harmonisationSheets(v: HarmonisationView): SheetSpec[] {
  const title = [`BTS CCST — commission d’harmonisation ${v.epreuve} (${v.unite}) — session ${v.session}${v.academie ? ` — académie de ${v.academie}` : ''}`];
  const sheets: SheetSpec[] = v.sections.map((s) => ({
    name: s.titre,
    title: [...title, `${s.titre} : ${s.population}`],
    columns: ['groupe', 'libelle', ...FIGURE_COLUMNS, 'codes', 'ecart_au_reste', 'p_welch', 'p_bonferroni', 'avis'],
    rows: [
      ...s.groupes.map((g) => [g.groupe, g.libelle, ...figureCells(g), g.codes, g.ecartAuReste, g.p, g.pBonferroni, VERDICT_TEXT[g.avis]]),
      ['', 'Ensemble de la section', ...figureCells(s), null, null, null, null, ''],
    ],
    widths: [14, 44],
  }));
  sheets.push({
    name: `Notes ${v.epreuve}`,
    title,
    columns: ['de', 'a_moins_de', 'notes'],
    rows: v.notes.repartition.map((n, k) => [k, k === 19 ? 20.01 : k + 1, n]),
  });
  const m = v.methode;
  sheets.push({
    name: 'Méthode',
    title,
    columns: ['element', 'valeur'],
    rows: [
      ['test', m.test],
      ['risque', m.risque],
      ['correction', m.correction],
      ['effectif minimum pour juger', m.effectifMinimum],
      ['quartiles', m.quartiles],
      ['affichage', m.affichage],
    ],
    widths: [28, 100],
  });
  return sheets;
}

export function writeHarmonisationXlsx(file: string, v: HarmonisationView): Promise<void> {
  return writeWorkbook(file, harmonisationSheets(v));
}
