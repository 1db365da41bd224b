// Deterministic synthetic candidates for the import benchmark: candidate i is always the same, so the expected
// export of any numero is recomputed on demand instead of keeping 250k objects in memory.
import fs from 'node:fs';
import { once } from 'node:events';
import { loadExcelJS } from '../io/exceljs-loader.js';
import { uaiCheckLetter } from '../domain/uai.js';

const FAMILY = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương',
  'Ødegård', 'Ærøskøbing', 'Åström', 'Bjørnstad', 'Søderlund', 'Hæggström', 'Løvås', 'Kjærsgaard', 'Þórsdóttir',
  'Alençon', 'Lefèvre', 'Bénazet', 'Hérail', 'Quéré', 'Séguy', 'Rivière', 'Barrère', 'Crétien', 'Œillet',
];
const GIVEN = [
  'Đức', 'Thị Hương', 'Hồng Nhung', 'Bảo Ngọc', 'Quốc Việt', 'Øyvind', 'Åsa', 'Sigríður', 'Bjørn', 'Ærling',
  'Françoise', 'Gaëlle', 'Loïc', 'Maël', 'Anaïs', 'Jérôme', 'Zoé', 'Noémie', 'Hélène', 'Benoît',
];
const STREETS = ['des Lilas', 'Pierre-Paul Riquet', 'de l’Égalité', 'Đồng Khởi', 'Ørstedsvej', 'du Général-de-Gaulle', 'Sainte-Thérèse'];
const TOWNS = ['Toulouse', 'Castelnau-d’Estrétefonds', 'Saint-Gaudens', 'Villefranche-de-Lauragais', 'Montréjeau', 'Bagnères-de-Luchon'];
const VOIES: { input: string; code: string; withUai: boolean }[] = [
  { input: 'Scolaire public', code: 'scolaire_public', withUai: true },
  { input: 'Privé sous contrat', code: 'scolaire_prive_sous_contrat', withUai: true },
  { input: 'Apprentissage habilité', code: 'apprentissage_habilite', withUai: true },
  { input: 'Formation continue habilitée', code: 'formation_continue_habilitee', withUai: true },
  { input: 'Privé hors contrat', code: 'scolaire_prive_hors_contrat', withUai: true },
  { input: 'Candidat individuel', code: 'candidat_individuel', withUai: false },
];
const HEADER = ['N° candidat', 'Nom', 'Prénom', 'Date de naissance', 'Académie', 'Voie', 'UAI', 'Établissement', 'Langue', 'EF1',
  'EF2', 'EF3', 'Dispenses', 'Bénéfices', 'Tiers temps', 'Courriel', 'Adresse', 'Code postal', 'Commune'];

/** mulberry32: a tiny seeded PRNG, so candidate i never changes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCandidate {
  numero: string;
  /** Input cells, in HEADER order (the date also as a UTC Date for the XLSX). */
  cells: string[];
  birth: Date;
  /** Export column label → exact expected text. */
  exported: Record<string, string>;
}

const NUMERO_BASE = 1_000_000_000;

export function syntheticCandidate(i: number): SyntheticCandidate {
  const r = rng(i + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const numero = String(NUMERO_BASE + i);
  const nom = `${pick(FAMILY)} ${pick(FAMILY)}-${pick(FAMILY)} ${pick(FAMILY)}`;
  const prenom = `${pick(GIVEN)} ${pick(GIVEN)}`;
  const birth = new Date(Date.UTC(1990 + Math.floor(r() * 16), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const dateText = `${dd}/${mm}/${birth.getUTCFullYear()}`;
  const voie = pick(VOIES);
  const k = Math.floor(r() * 300);
  const first7 = String(310000 + k * 37).padStart(7, '0');
  const uai = voie.withUai ? first7 + uaiCheckLetter(first7) : '';
  const etab = voie.withUai ? `Lycée ${pick(FAMILY)} ${k}` : '';
  const langue = r() < 0.9 ? 'anglais' : 'espagnol';
  const ef1 = r() < 0.2 ? (langue === 'anglais' ? 'espagnol' : 'allemand') : '';
  const ef2 = r() < 0.1 ? 'oui' : 'non';
  const ef3 = r() < 0.05 ? 'oui' : 'non';
  const dispenses = voie.code === 'formation_continue_habilitee' && r() < 0.3 ? 'U1 U21 U22' : '';
  const benefices = voie.code === 'candidat_individuel' && r() < 0.5 ? 'U4=12,5@2023; U61=11@2022' : '';
  const tiers = r() < 0.03 ? '1/3' : '';
  const email = `c${numero}@exemple.fr`;
  const adresse = `${1 + Math.floor(r() * 200)} rue ${pick(STREETS)}`;
  const cp = String(31000 + Math.floor(r() * 999)).padStart(5, '0');
  const commune = pick(TOWNS);
  const cells = [numero, nom, prenom, dateText, 'Toulouse', voie.input, uai, etab, langue, ef1, ef2, ef3, dispenses, benefices, tiers, email, adresse, cp, commune];
  const exported = {
    'N° candidat': numero, Nom: nom, 'Prénom': prenom, 'Date de naissance': dateText, 'Académie': 'TOULOUSE', Voie: voie.code,
    UAI: uai, 'Établissement': etab, 'Langue E2': langue, 'EF1 langue': ef1, EF2: ef2, EF3: ef3,
    // The export names the ground the import inferred (formatDispenses): U1 U21 U22 are dispensed by a diploma only.
    Dispenses: dispenses ? `diplome : ${dispenses}` : '',
    'Bénéfices': benefices, 'Temps majoré': tiers, Courriel: email, Adresse: adresse, 'Code postal': cp, Commune: commune,
  };
  return { numero, cells, birth, exported };
}

export function syntheticByNumero(numero: string): SyntheticCandidate | undefined {
  const i = Number(numero) - NUMERO_BASE;
  return Number.isInteger(i) && i >= 0 ? syntheticCandidate(i) : undefined;
}

const csvField = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The French-Excel CSV (BOM, ;) alone. */
export async function writeSyntheticCsv(rows: number, csvFile: string): Promise<void> {
  const out = fs.createWriteStream(csvFile);
  out.write('\uFEFF' + HEADER.join(';') + '\r\n');
  for (let i = 0; i < rows; i++) {
    if (!out.write(syntheticCandidate(i).cells.map(csvField).join(';') + '\r\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const UNITS = ['U1', 'U21', 'U22', 'U3', 'U4', 'U5', 'U61', 'U62'];

/**
 * The notes of synthetic candidates 0…rows-1 (bench:engines, the hostile battery's large deliberation): one row per
 * candidate, a note per unit, nothing where a dispense or a bénéfice of the registration holds; the same on every run.
 */
export function writeSyntheticNotes(rows: number, file: string): void {
  const r = rng(2025); // the seed bench:engines always used: the same notes as before
  const lines = ['numero;' + UNITS.join(';')];
  for (let i = 0; i < rows; i++) {
    const c = syntheticCandidate(i);
    const held = `${c.cells[12]} ${c.cells[13]}`;
    const cells = UNITS.map((u) => {
      if (new RegExp(`\\b${u}\\b`).test(held)) return '';
      if (r() < 0.004) return 'ABS';
      const h = Math.floor(r() * 2001);
      return `${Math.floor(h / 100)},${String(h % 100).padStart(2, '0')}`;
    });
    lines.push(`${c.numero};${cells.join(';')}`);
  }
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
}

/** French-Excel CSV (BOM, ;) and an XLSX (streaming writer, shared strings, real date cells) of the same rows. */
export async function writeSyntheticFiles(rows: number, csvFile: string, xlsxFile: string): Promise<void> {
  await writeSyntheticCsv(rows, csvFile);

  const ExcelJS = loadExcelJS();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Candidats');
  ws.getColumn(4).numFmt = 'dd/mm/yyyy';
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const c = syntheticCandidate(i);
    const cells: (string | Date)[] = [...c.cells];
    cells[3] = c.birth;
    ws.addRow(cells).commit();
  }
  ws.commit();
  await wb.commit();
}
