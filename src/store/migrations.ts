// Versioned schema. A migration is never edited once released: append a new one.
// PRAGMA user_version holds the number of migrations applied.
export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    name: '001-workspace',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        command TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE candidates (
        numero TEXT PRIMARY KEY,
        nom TEXT NOT NULL,
        prenom TEXT NOT NULL,
        date_naissance TEXT,
        academie TEXT NOT NULL,
        voie TEXT NOT NULL,
        etablissement_uai TEXT,
        etablissement TEXT,
        langue TEXT NOT NULL DEFAULT 'anglais',
        ef1 TEXT,
        ef2 INTEGER NOT NULL DEFAULT 0,
        ef3 INTEGER NOT NULL DEFAULT 0,
        dispenses TEXT NOT NULL DEFAULT '',
        benefices TEXT NOT NULL DEFAULT '',
        amenagements TEXT,
        temps_majore TEXT,
        email TEXT,
        adresse TEXT,
        code_postal TEXT,
        commune TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX candidates_etab ON candidates(etablissement_uai);
    `,
  },
  {
    name: '002-centres-assignments',
    sql: `
      CREATE TABLE centres (
        uai TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('ecrit', 'oral')),
        nom TEXT NOT NULL,
        adresse TEXT,
        code_postal TEXT,
        commune TEXT,
        academie TEXT NOT NULL,
        epreuves TEXT NOT NULL,
        capacite INTEGER NOT NULL,
        dates TEXT NOT NULL DEFAULT '',
        langues TEXT NOT NULL DEFAULT '',
        origines TEXT NOT NULL DEFAULT '',
        zone TEXT NOT NULL,
        PRIMARY KEY (uai, type)
      );
      CREATE TABLE assignments (
        numero TEXT NOT NULL,
        epreuve TEXT NOT NULL,
        centre_uai TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (numero, epreuve)
      );
      CREATE TABLE oral_slots (
        numero TEXT NOT NULL,
        epreuve TEXT NOT NULL,
        centre_uai TEXT NOT NULL,
        date TEXT NOT NULL,
        start TEXT NOT NULL,
        end TEXT NOT NULL,
        commission INTEGER NOT NULL,
        PRIMARY KEY (numero, epreuve)
      );
    `,
  },
  {
    name: '003-notes-deliberation',
    sql: `
      CREATE TABLE notes (
        numero TEXT NOT NULL,
        unite TEXT NOT NULL,
        value TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (numero, unite)
      );
      CREATE TABLE note_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        numero TEXT NOT NULL,
        unite TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL,
        motif TEXT
      );
      CREATE TABLE results (
        numero TEXT PRIMARY KEY,
        decision TEXT NOT NULL,
        detail TEXT NOT NULL,
        deliberated_at TEXT NOT NULL
      );
      CREATE TABLE livrets (
        numero TEXT PRIMARY KEY,
        supplied INTEGER NOT NULL DEFAULT 1,
        examined INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE conformity (
        numero TEXT NOT NULL,
        epreuve TEXT NOT NULL,
        conforme INTEGER NOT NULL,
        motifs TEXT NOT NULL DEFAULT '[]',
        checked_at TEXT NOT NULL,
        PRIMARY KEY (numero, epreuve)
      );
    `,
  },
  {
    // Oral timetable: the time the candidate goes before the commission (after any preparation), so that
    // convocations and exports show both the arrival time (start) and the passage time.
    name: '004-oral-slots-passage',
    sql: `
      ALTER TABLE oral_slots ADD COLUMN passage TEXT;
    `,
  },
  {
    // Épreuves de contrôle (issue 11 item 8): the units each CONTROLE candidate chose, the orals scheduled for
    // them and the notes obtained; the first-session notes stay in `notes`, the second decision goes to `results`.
    name: '005-controle',
    sql: `
      CREATE TABLE controle_choices (
        numero TEXT NOT NULL,
        unite TEXT NOT NULL,
        source TEXT NOT NULL,
        chosen_at TEXT NOT NULL,
        note TEXT,
        note_source TEXT,
        PRIMARY KEY (numero, unite)
      );
      CREATE TABLE controle_slots (
        numero TEXT NOT NULL,
        unite TEXT NOT NULL,
        centre_uai TEXT NOT NULL,
        date TEXT NOT NULL,
        start TEXT NOT NULL,
        passage TEXT NOT NULL,
        end TEXT NOT NULL,
        commission INTEGER NOT NULL,
        PRIMARY KEY (numero, unite)
      );
    `,
  },
  {
    // Circulaire Toulouse 2023 §1.2.2 (issue 11 finding 6): « la notation sera mise sous réserve de vérification »:
    // a dossier evaluated normally whose conformity is still to be verified; deliberation waits for the verdict.
    name: '006-conformity-reserve',
    sql: `
      ALTER TABLE conformity ADD COLUMN reserve INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    // D643-15-1 (issue 11 finding 6): « La demande de validation est formulée par le candidat au plus tard à la date
    // limite d'inscription à l'examen » — the date of the EF3 request, checked at import.
    name: '007-candidates-demande-ef3',
    sql: `
      ALTER TABLE candidates ADD COLUMN demande_ef3 TEXT;
    `,
  },
];
