// Issue #13 §1: one row of examinateurs.csv|xlsx → an Examiner, or row/column-precise French issues, like the candidate
// import. Profiles and which profile may sit for which épreuve come from the regulation data (bts-ccst-2024.json,
// « commissions », from the circulaire nationale 2024 « Composition de la commission » sentences).
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { mayEvaluate, validateExaminerRow, validateExaminerRows, type ExaminerRow } from '../../../src/domain/examiners/examiner.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const ctx = { regulation: reg, session: 2024 };

const base: Record<string, unknown> = {
  nom: 'Martin', prenom: 'Claire', email: 'Claire.Martin@ac-toulouse.fr', profil: 'economie-gestion', etablissement_uai: '0310001h',
  academie: 'Toulouse', epreuves: 'E4; U61', dates: '21/05/2024; 2024-05-20', max_candidats: '24', max_copies: '',
};
const row = (over: Record<string, unknown> = {}, n = 2): ExaminerRow => {
  const cells = { ...base, ...over };
  return { row: n, get: (f) => cells[f] as never };
};

describe('validateExaminerRow: a good row', () => {
  it('normalises every field (e-mail case, UAI case, académie code, U61 → E61, dates sorted)', () => {
    const r = validateExaminerRow(row(), ctx);
    expect(r).toEqual({
      ok: true,
      examiner: {
        email: 'claire.martin@ac-toulouse.fr', nom: 'Martin', prenom: 'Claire', profils: ['economie-gestion'], etablissementUai: '0310001H',
        academie: 'TOULOUSE', epreuves: ['E4', 'E61'], dates: ['2024-05-20', '2024-05-21'], maxCandidats: 24,
      },
    });
  });
  it('takes several profiles, any case or accents, and an XLSX date cell', () => {
    const r = validateExaminerRow(row({ profil: 'Economie-Gestion, PROFESSIONNEL', dates: new Date(Date.UTC(2024, 4, 22)) }), ctx);
    expect(r.ok && r.examiner.profils).toEqual(['economie-gestion', 'professionnel']);
    expect(r.ok && r.examiner.dates).toEqual(['2024-05-22']);
  });
  it('a professional may leave the établissement empty (« empty for a professional », issue #13 §1)', () => {
    const r = validateExaminerRow(row({ profil: 'professionnel', etablissement_uai: '' }), ctx);
    expect(r.ok && r.examiner.etablissementUai).toBeUndefined();
  });
});

// One line per bad cell: [what, cells, column, kind, message fragment].
const cases: [string, Record<string, unknown>, string, string, string][] = [
  ['unknown profile names the known ones', { profil: 'maths' }, 'profil', 'profil', 'profil inconnu « maths » (profils du règlement : economie-gestion, sti, cejm, lv-anglais'],
  ['no profile', { profil: '' }, 'profil', 'obligatoire', 'profil manquant'],
  ['UAI check letter (src/domain/uai.ts)', { etablissement_uai: '0310001A' }, 'etablissement_uai', 'uai-cle', 'attendu 0310001H'],
  ['UAI malformed', { etablissement_uai: '31-0001' }, 'etablissement_uai', 'uai', 'code UAI mal formé'],
  ['a teacher without établissement', { etablissement_uai: '' }, 'etablissement_uai', 'obligatoire', 'seul un professionnel peut le laisser vide'],
  ['no e-mail: it is the identity', { email: '' }, 'email', 'obligatoire', 'elle identifie l’examinateur'],
  ['bad e-mail', { email: 'claire@' }, 'email', 'email', 'adresse électronique invalide'],
  ['no nom', { nom: ' ' }, 'nom', 'obligatoire', 'nom manquant'],
  ['no prénom', { prenom: '' }, 'prenom', 'obligatoire', 'prénom manquant'],
  ['unknown académie', { academie: 'Atlantide' }, 'academie', 'academie', 'académie inconnue : « Atlantide »'],
  ['unknown épreuve', { epreuves: 'E4; E9' }, 'epreuves', 'epreuve', 'épreuve inconnue « E9 »'],
  // Circulaire nationale 2024, E22: « un professeur qui enseigne l'anglais … » — no seat for an économie-gestion teacher.
  ['E22 for an économie-gestion teacher', { epreuves: 'E22' }, 'epreuves', 'epreuve-profil', 'E22 : aucun siège de sa commission pour le profil economie-gestion (profils admis : lv-anglais)'],
  // E3: « corrigée par un professeur ayant en charge l'enseignement de CEJM ».
  ['E3 for an économie-gestion teacher', { epreuves: 'E3' }, 'epreuves', 'epreuve-profil', 'profils admis : cejm'],
  ['E1: no composition in the regulation data yet', { epreuves: 'E1' }, 'epreuves', 'epreuve-commission', 'E1 : le règlement ne donne pas la composition'],
  ['no dates: never « available every day »', { dates: '' }, 'dates', 'obligatoire', 'dates de disponibilité manquantes'],
  ['impossible date', { dates: '31/02/2024' }, 'dates', 'date', 'date impossible « 31/02/2024 »'],
  ['date of another session', { dates: '20/05/2023' }, 'dates', 'date', 'hors de la session 2024'],
  ['unreadable date', { dates: 'lundi' }, 'dates', 'date', 'date illisible « lundi »'],
  ['max_candidats not a number', { max_candidats: 'dix' }, 'max_candidats', 'nombre', 'max_candidats : « dix » n’est pas un nombre entier positif'],
  ['max_copies negative', { max_copies: '-3' }, 'max_copies', 'nombre', 'max_copies'],
];

describe('validateExaminerRow: one issue per bad cell, with row and column', () => {
  it.each(cases)('%s', (_what, over, column, kind, fragment) => {
    const r = validateExaminerRow(row(over, 7), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 7, column, kind });
    expect(r.issues[0]!.message).toContain(fragment);
  });

  it('reports every bad cell of a row at once, under the header as the user wrote it', () => {
    const labels: Record<string, string> = { profil: 'Profil', dates: 'Disponibilités', etablissement_uai: 'UAI' };
    const r = validateExaminerRow(row({ profil: 'maths', dates: 'x', etablissement_uai: '0310001A' }, 9), { ...ctx, columnOf: (f) => labels[f] ?? f });
    expect(!r.ok && r.issues.map((i) => [i.row, i.column, i.kind])).toEqual([[9, 'Profil', 'profil'], [9, 'UAI', 'uai-cle'], [9, 'Disponibilités', 'date']]);
  });
});

describe('validateExaminerRows: one person per e-mail (the import upserts by it)', () => {
  it('a second row with the same address, in any case, names the first row', () => {
    const out = validateExaminerRows([row({}, 2), row({ email: 'CLAIRE.MARTIN@ac-toulouse.fr', nom: 'Autre' }, 5), row({ email: 'x@y.fr' }, 6)], ctx);
    expect(out.examiners.map((e) => e.email)).toEqual(['claire.martin@ac-toulouse.fr', 'x@y.fr']);
    expect(out.issues).toEqual([{ row: 5, column: 'email', kind: 'doublon', message: 'claire.martin@ac-toulouse.fr figure déjà ligne 2' }]);
  });
});

describe('mayEvaluate: profile × épreuve from the compositions (circulaire nationale 2024)', () => {
  const person = (profils: string[], epreuves: string[]) => ({ email: 'a@b.fr', nom: 'A', prenom: 'B', profils, academie: 'TOULOUSE', epreuves, dates: [] });
  const table: [string[], string, 'ccf' | 'ponctuel', boolean][] = [
    [['sti'], 'E5', 'ponctuel', true], // E5: « … et d'un professeur de sciences et technologies industrielles »
    [['economie-gestion'], 'E5', 'ponctuel', true],
    [['cejm'], 'E5', 'ponctuel', false],
    [['cejm'], 'E3', 'ponctuel', true], // E3: « un professeur ayant en charge … CEJM »
    [['professionnel'], 'E4', 'ponctuel', true], // E4: « … et un professionnel »
    [['professionnel'], 'E62', 'ponctuel', false], // E62: two teachers only
    [['lv-espagnol'], 'EF1', 'ponctuel', true],
    [['lv-espagnol'], 'E22', 'ponctuel', false], // E22: English only
  ];
  it.each(table)('%j for %s %s → %s', (profils, epreuve, form, expected) => {
    expect(mayEvaluate(reg, person(profils, [epreuve]), epreuve, form)).toBe(expected);
    expect(mayEvaluate(reg, person(profils, []), epreuve, form)).toBe(false); // not listed: never
  });
});
