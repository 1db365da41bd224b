// Examiners and oral commissions (issue #13 §1-2), written once for both engines (issue #12). Examiners are upserted
// by e-mail; a build of the commissions replaces the stored ones (all, or one épreuve's) inside one transaction — the
// builder already kept the pins.
import type { Examiner } from '../domain/examiners/examiner.js';
import type { BuiltCommission } from '../domain/examiners/commissions-builder.js';
import { insertBatches, rowsPerBatch } from './batch.js';
import type { Db } from './workspace.js';

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export async function listExaminers(db: Db): Promise<Examiner[]> {
  const rows = await db.selectFrom('examiners').selectAll().orderBy('email').execute();
  return rows.map((r) => ({
    email: r.email,
    nom: r.nom,
    prenom: r.prenom,
    profils: words(r.profils),
    ...(r.etablissement_uai ? { etablissementUai: r.etablissement_uai } : {}),
    academie: r.academie,
    epreuves: words(r.epreuves),
    dates: words(r.dates),
    ...(r.max_candidats !== null ? { maxCandidats: Number(r.max_candidats) } : {}),
    ...(r.max_copies !== null ? { maxCopies: Number(r.max_copies) } : {}),
  }));
}

export async function examinerEmails(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('examiners').select('email').execute()).map((r) => r.email));
}

/** Inserts or updates examiners by e-mail (created_at kept), in multi-row statements; call inside a transaction. */
export async function upsertExaminers(db: Db, now: Date, list: readonly Examiner[]): Promise<void> {
  const at = now.toISOString();
  const rows = list.map((e) => ({
    email: e.email, nom: e.nom, prenom: e.prenom, profils: e.profils.join(' '), etablissement_uai: e.etablissementUai ?? null,
    academie: e.academie, epreuves: e.epreuves.join(' '), dates: e.dates.join(' '), max_candidats: e.maxCandidats ?? null,
    max_copies: e.maxCopies ?? null, created_at: at, updated_at: at,
  }));
  const size = rowsPerBatch(12);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto('examiners')
      .values(rows.slice(i, i + size))
      .onConflict((oc) =>
        oc.column('email').doUpdateSet((eb) => ({
          nom: eb.ref('excluded.nom'), prenom: eb.ref('excluded.prenom'), profils: eb.ref('excluded.profils'),
          etablissement_uai: eb.ref('excluded.etablissement_uai'), academie: eb.ref('excluded.academie'),
          epreuves: eb.ref('excluded.epreuves'), dates: eb.ref('excluded.dates'), max_candidats: eb.ref('excluded.max_candidats'),
          max_copies: eb.ref('excluded.max_copies'), updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export interface StoredMember {
  email: string;
  seat: number;
  role: string;
  how: 'profile' | 'fallback';
  pinned: boolean;
}

export interface StoredCommission {
  name: string;
  centreUai: string;
  date: string;
  epreuve: string;
  number: number;
  form: 'ccf' | 'ponctuel';
  start: string;
  end: string;
  pinned: boolean;
  members: StoredMember[];
}

/** Stored commissions in the builder's order (date, centre, épreuve, number), members by seat. */
export async function listCommissions(db: Db): Promise<StoredCommission[]> {
  const rows = await db.selectFrom('commissions').selectAll().orderBy('date').orderBy('centre_uai').orderBy('epreuve').orderBy('number').execute();
  const members = await db.selectFrom('commission_members').selectAll().orderBy('commission').orderBy('seat').orderBy('email').execute();
  const byName = new Map<string, StoredMember[]>();
  for (const m of members) {
    const list = byName.get(m.commission) ?? byName.set(m.commission, []).get(m.commission)!;
    list.push({ email: m.email, seat: Number(m.seat), role: m.role, how: m.how as 'profile' | 'fallback', pinned: Number(m.pinned) === 1 });
  }
  return rows.map((r) => ({
    name: r.name, centreUai: r.centre_uai, date: r.date, epreuve: r.epreuve, number: Number(r.number), form: r.form as 'ccf' | 'ponctuel',
    start: r.start, end: r.end, pinned: Number(r.pinned) === 1, members: byName.get(r.name) ?? [],
  }));
}

export async function commissionCount(db: Db): Promise<number> {
  const r = await db.selectFrom('commissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Replaces the stored commissions — all of them, or only `epreuve`'s (`--epreuve`: the others stay as they are) —
 * by `built`. `pinnedCommissions` names the commissions pinned whole. Call inside a transaction.
 */
export async function replaceCommissions(db: Db, now: Date, built: readonly BuiltCommission[], pinnedCommissions: ReadonlySet<string>, epreuve?: string): Promise<void> {
  if (epreuve === undefined) {
    await db.deleteFrom('commission_members').execute();
    await db.deleteFrom('commissions').execute();
  } else {
    await db.deleteFrom('commission_members').where('commission', 'in', db.selectFrom('commissions').select('name').where('epreuve', '=', epreuve)).execute();
    await db.deleteFrom('commissions').where('epreuve', '=', epreuve).execute();
  }
  const at = now.toISOString();
  await insertBatches(db, 'commissions', built.map((c) => ({
    name: c.name, centre_uai: c.centreUai, date: c.date, epreuve: c.epreuve, number: c.number, form: c.form, start: c.start, end: c.end,
    pinned: pinnedCommissions.has(c.name) ? 1 : 0, built_at: at,
  })));
  await insertBatches(db, 'commission_members', built.flatMap((c) => c.members.map((m) => ({
    commission: c.name, email: m.email, seat: m.seat, role: m.role, how: m.how, pinned: m.pinned ? 1 : 0,
  }))));
}
