// Versioned schema, one list for both engines (issue #12 §1), written with Kysely's schema builder so that each
// dialect gets its own DDL. A migration is never edited once released: append a new one.
// Migrations 1..7 were SQL text applied to SQLite and counted in PRAGMA user_version: an existing SQLite workspace at
// user_version N continues at step N+1 (migrate.ts). Their DDL here builds the same tables (same names, columns,
// NULL/NOT NULL, defaults, keys) — checked by test/store/migrations.test.ts against a workspace made by the old code.
import { resultFacts } from '../domain/statistics/session.js';
import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

export interface Migration {
  name: string;
  up(db: Kysely<any>, engine: Engine): Promise<void>;
}

/**
 * Text columns compare and sort the same on both engines: SQLite's default BINARY collation is code point order, and
 * PostgreSQL gives it with COLLATE "C" on a UTF-8 database — whatever locale the office's server was created with
 * (a fr_FR collation would order « Élodie » and keys differently from SQLite, and from one server to another).
 */
function text(engine: Engine): ColumnDataType | Expression<unknown> {
  return engine === 'postgres' ? sql`text collate "C"` : 'text';
}

/** An id filled by the database: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite (as before), an identity on PostgreSQL. */
function id(engine: Engine): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (c) => (engine === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
}

export const MIGRATIONS: Migration[] = [
  {
    name: '001-workspace',
    async up(db, engine) {
      const t = text(engine);
      await db.schema.createTable('meta').addColumn('key', t, (c) => c.primaryKey()).addColumn('value', t, (c) => c.notNull()).execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', id(engine))
        .addColumn('at', t, (c) => c.notNull())
        .addColumn('command', t, (c) => c.notNull())
        .addColumn('detail', t, (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createTable('candidates')
        .addColumn('numero', t, (c) => c.primaryKey())
        .addColumn('nom', t, (c) => c.notNull())
        .addColumn('prenom', t, (c) => c.notNull())
        .addColumn('date_naissance', t)
        .addColumn('academie', t, (c) => c.notNull())
        .addColumn('voie', t, (c) => c.notNull())
        .addColumn('etablissement_uai', t)
        .addColumn('etablissement', t)
        .addColumn('langue', t, (c) => c.notNull().defaultTo('anglais'))
        .addColumn('ef1', t)
        .addColumn('ef2', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ef3', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dispenses', t, (c) => c.notNull().defaultTo(''))
        .addColumn('benefices', t, (c) => c.notNull().defaultTo(''))
        .addColumn('amenagements', t)
        .addColumn('temps_majore', t)
        .addColumn('email', t)
        .addColumn('adresse', t)
        .addColumn('code_postal', t)
        .addColumn('commune', t)
        .addColumn('created_at', t, (c) => c.notNull())
        .addColumn('updated_at', t, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('candidates_etab').on('candidates').column('etablissement_uai').execute();
    },
  },
  {
    name: '002-centres-assignments',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('centres')
        .addColumn('uai', t, (c) => c.notNull())
        .addColumn('type', t, (c) => c.notNull().check(sql`type IN ('ecrit', 'oral')`))
        .addColumn('nom', t, (c) => c.notNull())
        .addColumn('adresse', t)
        .addColumn('code_postal', t)
        .addColumn('commune', t)
        .addColumn('academie', t, (c) => c.notNull())
        .addColumn('epreuves', t, (c) => c.notNull())
        .addColumn('capacite', 'integer', (c) => c.notNull())
        .addColumn('dates', t, (c) => c.notNull().defaultTo(''))
        .addColumn('langues', t, (c) => c.notNull().defaultTo(''))
        .addColumn('origines', t, (c) => c.notNull().defaultTo(''))
        .addColumn('zone', t, (c) => c.notNull())
        .addPrimaryKeyConstraint('centres_pkey', ['uai', 'type'])
        .execute();
      await db.schema
        .createTable('assignments')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('centre_uai', t, (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('assignments_pkey', ['numero', 'epreuve'])
        .execute();
      await db.schema
        .createTable('oral_slots')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('centre_uai', t, (c) => c.notNull())
        .addColumn('date', t, (c) => c.notNull())
        .addColumn('start', t, (c) => c.notNull())
        .addColumn('end', t, (c) => c.notNull())
        .addColumn('commission', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('oral_slots_pkey', ['numero', 'epreuve'])
        .execute();
    },
  },
  {
    name: '003-notes-deliberation',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('notes')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('unite', t, (c) => c.notNull())
        .addColumn('value', t, (c) => c.notNull())
        .addColumn('source', t, (c) => c.notNull())
        .addColumn('updated_at', t, (c) => c.notNull())
        .addPrimaryKeyConstraint('notes_pkey', ['numero', 'unite'])
        .execute();
      await db.schema
        .createTable('note_audit')
        .addColumn('id', 'integer', id(engine))
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('unite', t, (c) => c.notNull())
        .addColumn('old_value', t)
        .addColumn('new_value', t, (c) => c.notNull())
        .addColumn('at', t, (c) => c.notNull())
        .addColumn('source', t, (c) => c.notNull())
        .addColumn('motif', t)
        .execute();
      await db.schema
        .createTable('results')
        .addColumn('numero', t, (c) => c.primaryKey())
        .addColumn('decision', t, (c) => c.notNull())
        .addColumn('detail', t, (c) => c.notNull())
        .addColumn('deliberated_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('livrets')
        .addColumn('numero', t, (c) => c.primaryKey())
        .addColumn('supplied', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('examined', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('conformity')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('conforme', 'integer', (c) => c.notNull())
        .addColumn('motifs', t, (c) => c.notNull().defaultTo('[]'))
        .addColumn('checked_at', t, (c) => c.notNull())
        .addPrimaryKeyConstraint('conformity_pkey', ['numero', 'epreuve'])
        .execute();
    },
  },
  {
    // Oral timetable: the time the candidate goes before the commission (after any preparation), so that
    // convocations and exports show both the arrival time (start) and the passage time.
    name: '004-oral-slots-passage',
    async up(db, engine) {
      await db.schema.alterTable('oral_slots').addColumn('passage', text(engine)).execute();
    },
  },
  {
    // Épreuves de contrôle (issue 11 item 8): the units each CONTROLE candidate chose, the orals scheduled for
    // them and the notes obtained; the first-session notes stay in `notes`, the second decision goes to `results`.
    name: '005-controle',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('controle_choices')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('unite', t, (c) => c.notNull())
        .addColumn('source', t, (c) => c.notNull())
        .addColumn('chosen_at', t, (c) => c.notNull())
        .addColumn('note', t)
        .addColumn('note_source', t)
        .addPrimaryKeyConstraint('controle_choices_pkey', ['numero', 'unite'])
        .execute();
      await db.schema
        .createTable('controle_slots')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('unite', t, (c) => c.notNull())
        .addColumn('centre_uai', t, (c) => c.notNull())
        .addColumn('date', t, (c) => c.notNull())
        .addColumn('start', t, (c) => c.notNull())
        .addColumn('passage', t, (c) => c.notNull())
        .addColumn('end', t, (c) => c.notNull())
        .addColumn('commission', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('controle_slots_pkey', ['numero', 'unite'])
        .execute();
    },
  },
  {
    // Circulaire Toulouse 2023 §1.2.2 (issue 11 finding 6): « la notation sera mise sous réserve de vérification »:
    // a dossier evaluated normally whose conformity is still to be verified; deliberation waits for the verdict.
    name: '006-conformity-reserve',
    async up(db) {
      await db.schema.alterTable('conformity').addColumn('reserve', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  {
    // D643-15-1 (issue 11 finding 6): « La demande de validation est formulée par le candidat au plus tard à la date
    // limite d'inscription à l'examen » — the date of the EF3 request, checked at import.
    name: '007-candidates-demande-ef3',
    async up(db, engine) {
      await db.schema.alterTable('candidates').addColumn('demande_ef3', text(engine)).execute();
    },
  },
  {
    // Issue #12 §2: several agents share one PostgreSQL workspace; the audit log names who made each change (the
    // database user; on SQLite the OS user). Rows written before this migration have no agent (NULL).
    name: '008-audit-agent',
    async up(db, engine) {
      await db.schema.alterTable('audit_log').addColumn('agent', text(engine)).execute();
    },
  },
  {
    // Issue #13 §1-2: the people who produce the notes, and the oral commissions made of them. Lists (profils,
    // epreuves, dates) are space-separated codes, like centres.epreuves. A commission is named by its centre, day,
    // épreuve and schedule-orals number (domain/examiners/planned.ts commissionName); `pinned` = kept by re-runs.
    name: '009-examiners-commissions',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('examiners')
        .addColumn('email', t, (c) => c.primaryKey())
        .addColumn('nom', t, (c) => c.notNull())
        .addColumn('prenom', t, (c) => c.notNull())
        .addColumn('profils', t, (c) => c.notNull())
        .addColumn('etablissement_uai', t)
        .addColumn('academie', t, (c) => c.notNull())
        .addColumn('epreuves', t, (c) => c.notNull())
        .addColumn('dates', t, (c) => c.notNull())
        .addColumn('max_candidats', 'integer')
        .addColumn('max_copies', 'integer')
        .addColumn('created_at', t, (c) => c.notNull())
        .addColumn('updated_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('commissions')
        .addColumn('name', t, (c) => c.primaryKey())
        .addColumn('centre_uai', t, (c) => c.notNull())
        .addColumn('date', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('form', t, (c) => c.notNull())
        .addColumn('start', t, (c) => c.notNull())
        .addColumn('end', t, (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('built_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('commission_members')
        .addColumn('commission', t, (c) => c.notNull())
        .addColumn('email', t, (c) => c.notNull())
        .addColumn('seat', 'integer', (c) => c.notNull())
        .addColumn('role', t, (c) => c.notNull())
        .addColumn('how', t, (c) => c.notNull().check(sql`how IN ('profile', 'fallback')`))
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('commission_members_pkey', ['commission', 'email'])
        .execute();
      await db.schema.createIndex('commission_members_email').on('commission_members').column('email').execute();
    },
  },
  {
    // Issue #13 §3: anonymous written copies. One anonymity number per candidate present and épreuve, unique in the
    // session, stable once issued (domain/examiners/anonymity.ts); the session's secret that makes them is a `meta`
    // entry. A lot is one correcteur's share of an épreuve's copies (domain/examiners/lots.ts); a copy is in one lot.
    name: '010-copies-lots',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('copies')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('anonymat', t, (c) => c.notNull().unique())
        .addColumn('issued_at', t, (c) => c.notNull())
        .addPrimaryKeyConstraint('copies_pkey', ['numero', 'epreuve'])
        .execute();
      await db.schema
        .createTable('lots')
        .addColumn('name', t, (c) => c.primaryKey())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('academie', t, (c) => c.notNull())
        .addColumn('correcteur', t, (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('built_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('lot_copies')
        .addColumn('anonymat', t, (c) => c.primaryKey())
        .addColumn('lot', t, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lot_copies_lot').on('lot_copies').columns(['lot', 'position']).execute();
      await db.schema.createIndex('lots_correcteur').on('lots').column('correcteur').execute();
    },
  },
  {
    // Issue #14 §1-2: the rooms of the written centres and the seat of each candidate. A room is known by its centre and
    // name; `epreuves` and `dates` (space-separated, empty = no restriction) say when it may be used. A seat is one
    // candidate's place for one épreuve: the same room hosts one épreuve per day, so seats are keyed by épreuve and a
    // place is given once per épreuve (the unique index). Booleans are INTEGER 0/1 on both engines (schema.ts).
    name: '011-rooms-seats',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('rooms')
        .addColumn('centre_uai', t, (c) => c.notNull())
        .addColumn('salle', t, (c) => c.notNull())
        .addColumn('capacite', 'integer', (c) => c.notNull().check(sql`capacite > 0`))
        .addColumn('accessible', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('amenagements', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('epreuves', t, (c) => c.notNull().defaultTo(''))
        .addColumn('dates', t, (c) => c.notNull().defaultTo(''))
        .addPrimaryKeyConstraint('rooms_pkey', ['centre_uai', 'salle'])
        .execute();
      await db.schema
        .createTable('seats')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('centre_uai', t, (c) => c.notNull())
        .addColumn('salle', t, (c) => c.notNull())
        .addColumn('place', 'integer', (c) => c.notNull().check(sql`place > 0`))
        .addColumn('amenagement', t, (c) => c.notNull().defaultTo(''))
        .addColumn('seated_at', t, (c) => c.notNull())
        .addPrimaryKeyConstraint('seats_pkey', ['numero', 'epreuve'])
        .execute();
      await db.schema.createIndex('seats_place').on('seats').columns(['epreuve', 'centre_uai', 'salle', 'place']).unique().execute();
    },
  },
  {
    // Issue #14 §4: back from the centre. `attendance`: the room's PV line per candidate and épreuve (présent, absent,
    // retard with the arrival time; `late` = past the académie's limit, circulaire Toulouse 2023 §1.1), the file it
    // came from and the justification of an absence (motif: ABS becomes ABJ, D643-24). `incidents`: an incident or a
    // fraud suspicion (circulaire nationale 2024 §G), open until the disciplinary decision and its effect are recorded.
    name: '012-attendance-incidents',
    async up(db, engine) {
      const t = text(engine);
      await db.schema
        .createTable('attendance')
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('statut', t, (c) => c.notNull().check(sql`statut IN ('present', 'absent', 'retard')`))
        .addColumn('heure', t)
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('observation', t)
        .addColumn('source', t, (c) => c.notNull())
        .addColumn('recorded_at', t, (c) => c.notNull())
        .addColumn('justification', t)
        .addColumn('justified_at', t)
        .addPrimaryKeyConstraint('attendance_pkey', ['numero', 'epreuve'])
        .execute();
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'integer', id(engine))
        .addColumn('numero', t, (c) => c.notNull())
        .addColumn('epreuve', t, (c) => c.notNull())
        .addColumn('centre_uai', t)
        .addColumn('salle', t)
        .addColumn('heure', t, (c) => c.notNull())
        .addColumn('faits', t, (c) => c.notNull())
        .addColumn('pieces', t)
        .addColumn('fraude', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t, (c) => c.notNull())
        .addColumn('decision', t)
        .addColumn('effet', t)
        .addColumn('closed_at', t)
        .execute();
      await db.schema.createIndex('incidents_numero').on('incidents').column('numero').execute();
    },
  },
  {
    // Issue #15 (bench): the facts `ccst stats` counts of each result, in columns beside its detail — the moyenne
    // générale truncated to hundredths (an integer, as on the PV), the decision before the contrôle, the units the
    // contrôle raised. Reading and parsing 250,000 details (1.3 KB of JSON each) was most of stats' time. Results
    // stored before are filled here from their detail, by the same function as writeResults (resultFactsOf).
    name: '013-results-summary',
    async up(db, engine) {
      await db.schema.alterTable('results').addColumn('moyenne_h', 'integer').execute();
      await db.schema.alterTable('results').addColumn('first_decision', text(engine)).execute();
      await db.schema.alterTable('results').addColumn('controle_raised', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await backfillResultsSummary(db);
      // Covering index: stats counts results (joined to the candidates by numero) without reading the details' pages.
      await db.schema.createIndex('results_summary').on('results').columns(['numero', 'decision', 'first_decision', 'moyenne_h', 'controle_raised']).execute();
      // No index on notes (unite, value) for stats' per-unit counts, though it makes them one ordered scan (0.2 s
      // against 4.3–4.8 s of sorting on 250,000 candidates): every note write then pays for it, and a first national
      // deliberation on SQLite went from 35 to 70 s of CPU (issue 12: SQLite no slower than before, ±10 %).
    },
  },
];

/**
 * Migration 013's fill: each stored result's facts from its detail, by keyset pages, one UPDATE … FROM (VALUES …) per
 * page (both engines; SQLite since 3.33). A VALUES list's columns are column1, column2… on both engines; its
 * parameters are untyped on PostgreSQL, hence the casts.
 */
async function backfillResultsSummary(db: Kysely<any>): Promise<void> {
  const PAGE = 1_000;
  let after: string | undefined;
  for (;;) {
    let q = db.selectFrom('results').select(['numero', 'detail']).orderBy('numero').limit(PAGE);
    if (after !== undefined) q = q.where('numero', '>', after);
    const rows = (await q.execute()) as { numero: string; detail: string }[];
    if (rows.length === 0) return;
    const values = rows.map((r) => {
      const f = resultFacts(r.detail);
      return sql`(${r.numero}, ${f.moyenneH}, ${f.firstDecision}, ${f.controleRaised})`;
    });
    await sql`UPDATE results SET moyenne_h = CAST(v.column2 AS integer), first_decision = CAST(v.column3 AS text), controle_raised = CAST(v.column4 AS integer)
      FROM (VALUES ${sql.join(values)}) AS v WHERE results.numero = v.column1`.execute(db);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.numero;
  }
}
