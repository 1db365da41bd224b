// Épreuves de contrôle in the workspace: choices, scheduled orals, contrôle notes (migration 005-controle).
// Writes run inside the command's mutate() transaction.
import type { Db } from './workspace.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';

export interface ChoiceRow {
  numero: string;
  unite: string;
  source: string;
  note: string | null;
}

export interface ControleSlotRow {
  numero: string;
  unite: string;
  centre_uai: string;
  date: string;
  start: string;
  passage: string;
  end: string;
  commission: number;
}

/** Numeros per IN (…) list: far under both engines' parameter limits. */
const IN_CHUNK = 1_000;

function chunks<T>(list: T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** numero → chosen units (regulation order is the caller's business), with the contrôle note once entered. */
export async function readChoices(db: Db): Promise<ChoiceRow[]> {
  return db.selectFrom('controle_choices').select(['numero', 'unite', 'source', 'note']).orderBy('numero').orderBy('unite').execute();
}

const CHOICES: BulkSpec<'controle_choices'> = {
  table: 'controle_choices',
  columns: [{ name: 'numero', type: 'text' }, { name: 'unite', type: 'text' }, { name: 'source', type: 'text' }, { name: 'chosen_at', type: 'text' }],
};

/** Replaces the choices of the candidates named (a new file for a candidate replaces their earlier choice). */
export async function replaceChoices(db: Db, at: Date, source: string, choices: Map<string, string[]>): Promise<{ replaced: number }> {
  let replaced = 0;
  const numeros = [...choices.keys()];
  for (const part of chunks(numeros)) {
    replaced += (await db.selectFrom('controle_choices').select('numero').distinct().where('numero', 'in', part).execute()).length;
    await db.deleteFrom('controle_choices').where('numero', 'in', part).execute();
  }
  const when = at.toISOString();
  await bulkWrite(db, CHOICES, [...choices].flatMap(([numero, units]) => units.map((u) => [numero, u, source, when])));
  // A slot for a unit no longer chosen goes with the choice.
  for (const part of chunks(numeros)) {
    await db
      .deleteFrom('controle_slots')
      .where('numero', 'in', part)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('controle_choices as c').select('c.numero').whereRef('c.numero', '=', 'controle_slots.numero').whereRef('c.unite', '=', 'controle_slots.unite'))))
      .execute();
  }
  return { replaced };
}

export async function readControleSlots(db: Db): Promise<ControleSlotRow[]> {
  return db
    .selectFrom('controle_slots')
    .select(['numero', 'unite', 'centre_uai', 'date', 'start', 'passage', 'end', 'commission'])
    .orderBy('date').orderBy('centre_uai').orderBy('unite').orderBy('commission').orderBy('passage').orderBy('numero')
    .execute();
}

const SLOTS: BulkSpec<'controle_slots'> = {
  table: 'controle_slots',
  columns: [
    { name: 'numero', type: 'text' }, { name: 'unite', type: 'text' }, { name: 'centre_uai', type: 'text' }, { name: 'date', type: 'text' },
    { name: 'start', type: 'text' }, { name: 'passage', type: 'text' }, { name: 'end', type: 'text' }, { name: 'commission', type: 'integer' },
  ],
};

/** The whole timetable is replaced: scheduling is recomputed from the choices each time. */
export async function replaceControleSlots(db: Db, slots: ControleSlotRow[]): Promise<void> {
  await db.deleteFrom('controle_slots').execute();
  await bulkWrite(db, SLOTS, slots.map((s) => [s.numero, s.unite, s.centre_uai, s.date, s.start, s.passage, s.end, s.commission]));
}

/** Stores the contrôle notes (canonical text: "12,5" or "ABS") against the choices. */
export async function writeControleNotes(db: Db, source: string, notes: { numero: string; unite: string; note: string }[]): Promise<void> {
  // One UPDATE per note: a few thousand at most (the CONTROLE candidates' two or three orals).
  for (const n of notes) {
    const r = await db.updateTable('controle_choices').set({ note: n.note, note_source: source }).where('numero', '=', n.numero).where('unite', '=', n.unite).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Error(`choix de contrôle absent : ${n.numero} ${n.unite}`);
  }
}
