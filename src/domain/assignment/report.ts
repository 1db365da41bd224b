// The Toulouse-style assignment report (circulaire Toulouse 2023 §1.1 and §1.2.3): per written centre, the
// establishments its candidates come from with counts, the total and the capacity; then per oral centre, each
// épreuve (and language) with its candidates' origins. Same data for text and --json.
import type { Candidate } from '../candidate.js';
import type { Regulation } from '../regulation/schema.js';
import type { Centre } from './centre.js';
import type { Placement } from './pool.js';
import { examDayRequirements } from './requirements.js';

export interface OriginCount {
  /** Establishment UAI, or "" for candidates without one. */
  uai: string;
  label: string;
  count: number;
}

export interface WrittenCentreReport {
  uai: string;
  nom: string;
  commune: string;
  academie: string;
  capacite: number;
  /** Distinct candidates placed for at least one written épreuve. */
  total: number;
  origins: OriginCount[];
  epreuves: { epreuve: string; count: number }[];
}

export interface OralGroupReport {
  epreuve: string;
  langue: string | null;
  count: number;
  origins: OriginCount[];
}

export interface OralCentreReport {
  uai: string;
  nom: string;
  commune: string;
  academie: string;
  capacite: number;
  dates: string[];
  groups: OralGroupReport[];
}

export interface AssignmentReport {
  written: WrittenCentreReport[];
  oral: OralCentreReport[];
}

function originsOf(cands: Candidate[]): OriginCount[] {
  const map = new Map<string, OriginCount>();
  for (const c of cands) {
    const uai = c.etablissementUai ?? '';
    const label = c.etablissement || c.etablissementUai || 'Sans établissement (candidats individuels)';
    const k = `${uai}\u0000${uai ? '' : label}`;
    const o = map.get(k) ?? map.set(k, { uai, label, count: 0 }).get(k)!;
    o.count++;
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr') || (a.uai < b.uai ? -1 : 1));
}

const centreOrder = (a: Centre, b: Centre) =>
  a.academie.localeCompare(b.academie) || a.nom.localeCompare(b.nom, 'fr') || (a.uai < b.uai ? -1 : 1);

export function buildReport(reg: Regulation, candidates: Candidate[], centres: Centre[], placements: Placement[]): AssignmentReport {
  const byNumero = new Map(candidates.map((c) => [c.numero, c]));
  const nature = new Map(reg.units.map((u) => [u.epreuve, u]));
  const langOf = new Map<string, string>();
  for (const c of candidates) for (const r of examDayRequirements(reg, c)) if (r.langue) langOf.set(`${c.numero}\u0000${r.epreuve}`, r.langue);
  const atCentre = new Map<string, Placement[]>();
  for (const p of placements) {
    const unit = nature.get(p.epreuve);
    const c = byNumero.get(p.numero);
    if (!unit || !c) continue;
    const form = unit.forms[reg.voies.find((v) => v.code === c.voie)?.column ?? 'C'];
    const type = form.form === 'ponctuel' ? form.nature : 'oral';
    const k = `${type}\u0000${p.centreUai}`;
    (atCentre.get(k) ?? atCentre.set(k, []).get(k)!).push(p);
  }
  const written: WrittenCentreReport[] = [];
  const oral: OralCentreReport[] = [];
  for (const centre of [...centres].sort(centreOrder)) {
    const list = atCentre.get(`${centre.type}\u0000${centre.uai}`) ?? [];
    const head = { uai: centre.uai, nom: centre.nom, commune: centre.commune ?? '', academie: centre.academie, capacite: centre.capacite };
    if (centre.type === 'ecrit') {
      const numeros = [...new Set(list.map((p) => p.numero))];
      const perEpreuve = new Map<string, number>();
      for (const p of list) perEpreuve.set(p.epreuve, (perEpreuve.get(p.epreuve) ?? 0) + 1);
      written.push({
        ...head,
        total: numeros.length,
        origins: originsOf(numeros.map((n) => byNumero.get(n)!)),
        epreuves: reg.units.filter((u) => perEpreuve.has(u.epreuve)).map((u) => ({ epreuve: u.epreuve, count: perEpreuve.get(u.epreuve)! })),
      });
      continue;
    }
    const groups = new Map<string, { epreuve: string; langue: string | null; cands: Candidate[] }>();
    for (const p of list) {
      const langue = langOf.get(`${p.numero}\u0000${p.epreuve}`) ?? null;
      const k = `${String(reg.units.findIndex((u) => u.epreuve === p.epreuve)).padStart(3, '0')}\u0000${langue ?? ''}`;
      const g = groups.get(k) ?? groups.set(k, { epreuve: p.epreuve, langue, cands: [] }).get(k)!;
      g.cands.push(byNumero.get(p.numero)!);
    }
    oral.push({
      ...head,
      dates: centre.dates,
      groups: [...groups.keys()].sort().map((k) => {
        const g = groups.get(k)!;
        return { epreuve: g.epreuve, langue: g.langue, count: g.cands.length, origins: originsOf(g.cands) };
      }),
    });
  }
  return { written, oral };
}

const originsText = (o: OriginCount[]) => o.map((x) => `${x.label} (${x.count})`).join(', ');

/** Plain-text rendering for the terminal and for pasting into the académie circular. */
export function formatReport(report: AssignmentReport): string[] {
  const lines: string[] = ['CENTRES D’ÉCRIT', ''];
  for (const c of report.written) {
    lines.push(`${c.nom}${c.commune ? ` – ${c.commune}` : ''} [${c.uai}] : ${c.total} candidat(s), capacité ${c.capacite}`);
    if (c.origins.length) lines.push(`    origine : ${originsText(c.origins)}`);
    if (c.epreuves.length) lines.push(`    épreuves : ${c.epreuves.map((e) => `${e.epreuve} ${e.count}`).join(', ')}`);
  }
  lines.push('', 'CENTRES D’ORAL', '');
  for (const c of report.oral) {
    lines.push(`${c.nom}${c.commune ? ` – ${c.commune}` : ''} [${c.uai}] — ${c.dates.join(', ') || 'dates non fixées'}, capacité ${c.capacite} par jour`);
    if (!c.groups.length) lines.push('    aucun candidat');
    for (const g of c.groups) {
      lines.push(`    ${g.epreuve}${g.langue ? ` ${g.langue}` : ''} : ${g.count} candidat(s) — ${originsText(g.origins)}`);
    }
  }
  return lines;
}
