// The workspace's tables as Kysely sees them (issue #12 §1): one description for both engines. Columns are the ones
// the migrations (migrations.ts) create; booleans are INTEGER 0/1 on both engines so the same code reads them.
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  command: string;
  detail: Generated<string>;
  /** Database user (PostgreSQL current_user) or OS user (SQLite); NULL on rows written before migration 008. */
  agent: string | null;
}

export interface CandidatesTable {
  numero: string;
  nom: string;
  prenom: string;
  date_naissance: string | null;
  academie: string;
  voie: string;
  etablissement_uai: string | null;
  etablissement: string | null;
  langue: string;
  ef1: string | null;
  ef2: number;
  ef3: number;
  dispenses: string;
  benefices: string;
  amenagements: string | null;
  temps_majore: string | null;
  email: string | null;
  adresse: string | null;
  code_postal: string | null;
  commune: string | null;
  created_at: string;
  updated_at: string;
  demande_ef3: string | null;
}

export interface CentresTable {
  uai: string;
  type: 'ecrit' | 'oral';
  nom: string;
  adresse: string | null;
  code_postal: string | null;
  commune: string | null;
  academie: string;
  epreuves: string;
  capacite: number;
  dates: string;
  langues: string;
  origines: string;
  zone: string;
}

export interface AssignmentsTable {
  numero: string;
  epreuve: string;
  centre_uai: string;
  pinned: number;
}

export interface OralSlotsTable {
  numero: string;
  epreuve: string;
  centre_uai: string;
  date: string;
  start: string;
  end: string;
  commission: number;
  passage: string | null;
}

export interface NotesTable {
  numero: string;
  unite: string;
  value: string;
  source: string;
  updated_at: string;
}

export interface NoteAuditTable {
  id: Generated<number>;
  numero: string;
  unite: string;
  old_value: string | null;
  new_value: string;
  at: string;
  source: string;
  motif: string | null;
}

export interface ResultsTable {
  numero: string;
  decision: string;
  detail: string;
  deliberated_at: string;
  // Migration 013: the facts `ccst stats` counts, kept from the detail when it is written (stats reads no JSON).
  /** Moyenne générale truncated to hundredths, as on the PV (detail.moyenne); NULL without one. */
  moyenne_h: number | null;
  /** Decision before the épreuves de contrôle, when they were applied (detail.premiereDecision). */
  first_decision: string | null;
  /** Units whose note the contrôle raised (detail.controle). */
  controle_raised: Generated<number>;
}

export interface LivretsTable {
  numero: string;
  supplied: number;
  examined: number;
  updated_at: string;
}

export interface ConformityTable {
  numero: string;
  epreuve: string;
  conforme: number;
  motifs: string;
  checked_at: string;
  reserve: number;
}

export interface ControleChoicesTable {
  numero: string;
  unite: string;
  source: string;
  chosen_at: string;
  note: string | null;
  note_source: string | null;
}

export interface ControleSlotsTable {
  numero: string;
  unite: string;
  centre_uai: string;
  date: string;
  start: string;
  passage: string;
  end: string;
  commission: number;
}

export interface ExaminersTable {
  email: string;
  nom: string;
  prenom: string;
  profils: string;
  etablissement_uai: string | null;
  academie: string;
  epreuves: string;
  dates: string;
  max_candidats: number | null;
  max_copies: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommissionsTable {
  name: string;
  centre_uai: string;
  date: string;
  epreuve: string;
  number: number;
  form: string;
  start: string;
  end: string;
  pinned: number;
  built_at: string;
}

export interface CommissionMembersTable {
  commission: string;
  email: string;
  seat: number;
  role: string;
  how: string;
  pinned: number;
}

export interface CopiesTable {
  numero: string;
  epreuve: string;
  /** 8 digits and a check letter (domain/examiners/anonymity.ts). */
  anonymat: string;
  issued_at: string;
}

export interface LotsTable {
  /** « E5-03 » (domain/examiners/lots.ts). */
  name: string;
  epreuve: string;
  academie: string;
  /** The correcteur's e-mail (examiners.email). */
  correcteur: string;
  number: number;
  pinned: number;
  built_at: string;
}

export interface LotCopiesTable {
  anonymat: string;
  lot: string;
  /** Order of the copy on the lot's bordereau. */
  position: number;
}

export interface RoomsTable {
  centre_uai: string;
  salle: string;
  capacite: number;
  /** 1 when the room is accessible to a candidate with reduced mobility (PMR). */
  accessible: number;
  /** 1 when the room is set aside for candidates with aménagements (temps majoré…). */
  amenagements: number;
  /** Épreuve codes, space-separated; '' = any written épreuve. */
  epreuves: string;
  /** ISO dates, space-separated; '' = every day. */
  dates: string;
}

export interface SeatsTable {
  numero: string;
  epreuve: string;
  centre_uai: string;
  salle: string;
  /** 1-based seat number in the room (domain/seating/grid.ts). */
  place: number;
  /** The candidate's aménagements when seated (domain/amenagements.ts), '' when none. */
  amenagement: string;
  seated_at: string;
}

export interface AttendanceTable {
  numero: string;
  epreuve: string;
  statut: 'present' | 'absent' | 'retard';
  /** Arrival time HH:MM, centre's local time (retard; optional otherwise). */
  heure: string | null;
  /** 1: arrived past the académie's limit (circulaire Toulouse 2023 §1.1). */
  late: number;
  observation: string | null;
  /** The attendance file's name. */
  source: string;
  recorded_at: string;
  /** Motif of the justification (ABS → ABJ), NULL while the absence is not justified. */
  justification: string | null;
  justified_at: string | null;
}

export interface IncidentsTable {
  id: Generated<number>;
  numero: string;
  epreuve: string;
  centre_uai: string | null;
  salle: string | null;
  heure: string;
  faits: string;
  pieces: string | null;
  /** 1: fraud or attempted fraud (circulaire nationale 2024 §G). */
  fraude: number;
  created_at: string;
  decision: string | null;
  /** Effect code (templates/discipline/bts-fraude.json); NULL while the case is open. */
  effet: string | null;
  closed_at: string | null;
}

export interface DB {
  meta: MetaTable;
  audit_log: AuditLogTable;
  candidates: CandidatesTable;
  centres: CentresTable;
  assignments: AssignmentsTable;
  oral_slots: OralSlotsTable;
  notes: NotesTable;
  note_audit: NoteAuditTable;
  results: ResultsTable;
  livrets: LivretsTable;
  conformity: ConformityTable;
  controle_choices: ControleChoicesTable;
  controle_slots: ControleSlotsTable;
  examiners: ExaminersTable;
  commissions: CommissionsTable;
  commission_members: CommissionMembersTable;
  copies: CopiesTable;
  lots: LotsTable;
  lot_copies: LotCopiesTable;
  rooms: RoomsTable;
  seats: SeatsTable;
  attendance: AttendanceTable;
  incidents: IncidentsTable;
}

/** Every table, in the order a copy fills them (no foreign keys between them today). */
export const TABLES: (keyof DB)[] = [
  'meta', 'audit_log', 'candidates', 'centres', 'assignments', 'oral_slots', 'notes', 'note_audit', 'results', 'livrets',
  'conformity', 'controle_choices', 'controle_slots', 'examiners', 'commissions', 'commission_members',
  'copies', 'lots', 'lot_copies', 'rooms', 'seats', 'attendance', 'incidents',
];
