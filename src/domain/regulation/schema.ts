// The regulation of one session as data (templates/regulations/*.json), validated when loaded.
// Sources are cited in the JSON file itself; this schema only fixes its shape.
import { z } from 'zod';
import { controleSchema, regimesOverlap } from './controle-schema.js';
import { isTimeZone } from '../calendar/local-time.js';
import { commissionsIssues, commissionsSchema } from './commissions-schema.js';

export const ZONES = ['metropole', 'antilles_guyane', 'reunion'] as const;
export type Zone = (typeof ZONES)[number];
export const zoneSchema = z.enum(ZONES);

export const COLUMNS = ['A', 'B', 'C'] as const;
export type ReglementColumn = (typeof COLUMNS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');

/** A coefficient must be a whole number of hundredths so that averages stay exact. */
const coefficient = z
  .number()
  .nonnegative()
  .refine((c) => Number.isInteger(Math.round(c * 100)) && Math.abs(c * 100 - Math.round(c * 100)) < 1e-9, {
    message: 'coefficient: au plus 2 décimales',
  });

const unitFormSchema = z.discriminatedUnion('form', [
  z.object({ form: z.literal('ccf'), situations: z.number().int().positive() }),
  z.object({
    form: z.literal('ponctuel'),
    nature: z.enum(['ecrit', 'oral']),
    minutes: z.number().int().positive(),
    preparationMinutes: z.number().int().nonnegative().optional(),
  }),
]);
export type UnitForm = z.infer<typeof unitFormSchema>;

const unitSchema = z.object({
  code: z.string().regex(/^U[A-Z0-9]+$/),
  epreuve: z.string().regex(/^E[A-Z0-9]+$/),
  title: z.string().min(1),
  coefficient,
  domain: z.enum(['general', 'professional', 'optional']),
  optional: z.boolean(),
  /** The candidate chooses a language for this unit (E22: the LVE; EF1: the optional language). */
  language: z.boolean().optional(),
  /** Assessed on a dossier subject to the contrôle de conformité (circulaire annexe 4). */
  dossier: z.boolean().optional(),
  /** Oral taken right after another unit (engagement étudiant after U61). */
  followsUnit: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  forms: z.object({ A: unitFormSchema, B: unitFormSchema, C: unitFormSchema }),
  /**
   * Where the mention NV (non valide) may stand and what it does (code-scope.ts): « elimination » for the units under
   * the contrôle de conformité (circulaire nationale §H: E4, E61, E62), « sans_points » for an optional épreuve that
   * « ne peut pas se dérouler » without its support. Absent: NV refused (a dossier unit of an older file: elimination).
   */
  nonValide: z.object({ effect: z.enum(['elimination', 'sans_points']), source: z.string().min(1) }).optional(),
  /** Crédits européens (ECTS) of the épreuve: règlements after décret 2024-788 give them (issue 11 finding 9). */
  ects: z.number().int().nonnegative().optional(),
});
export type UnitDef = z.infer<typeof unitSchema>;

const voieSchema = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  label: z.string(),
  column: z.enum(COLUMNS),
  individual: z.boolean().optional(),
  /**
   * No training establishment in the candidate's académie (candidat individuel, expérience professionnelle,
   * enseignement à distance résidant): the « candidats individuels » column of annexe 1 sends their orals to its
   * pilot (issue #11 finding 5).
   */
  withoutEstablishment: z.boolean().optional(),
  aliases: z.array(z.string()).default([]),
});
export type VoieDef = z.infer<typeof voieSchema>;

const slotSchema = z.object({ start: hhmm, end: hhmm, lockInMinutes: z.number().int().positive().optional() });
export type WrittenSlot = z.infer<typeof slotSchema>;

const writtenEntrySchema = z.object({
  epreuve: z.string(),
  date: isoDate,
  // Métropole is required; an académie calendar (e.g. Toulouse 2023) may give no overseas times: then the
  // overseas zones have no time for that épreuve and documents must say so rather than guess.
  times: z.object({ metropole: slotSchema, antilles_guyane: slotSchema.optional(), reunion: slotSchema.optional() }),
  /**
   * Times of an académie calendar for one académie (key: its code), on its own clock and possibly another day:
   * where the instant of annexe 2 makes no sense locally (Pacific), `ccst calendar import` with zone = the
   * académie (issue #11 finding 1, src/domain/calendar/local-time.ts).
   */
  local: z.record(z.string(), slotSchema.extend({ date: isoDate })).optional(),
});
export type WrittenCalendarEntry = z.infer<typeof writtenEntrySchema>;

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'attendu MM-JJ');

export const calendarSchema = z.object({
  written: z.array(writtenEntrySchema),
  /** Exam days of a session, as MM-JJ bounds applied to the session's year (dates outside are refused on import). */
  window: z.object({ from: monthDay, to: monthDay }).optional(),
  noExitBeforeMinutes: z
    .object({ epreuves: z.array(z.string()), minutes: z.number().int().positive(), zones: z.array(zoneSchema) })
    .optional(),
  // No « noEntryAfterMinutes » here: access within the first hour is the circulaire Toulouse 2023's rule (§1.1),
  // an académie's, stored in the workspace (src/domain/convocation/lateness.ts; issue #11 finding 2).
  /**
   * Local hours a written épreuve may be printed in (issue #11 finding 1). The texts are silent: a choice of this
   * data, outside which a convocation waits for an académie calendar rather than print a night-time hour.
   */
  localHours: z.object({ earliest: hhmm, latest: hhmm }).default({ earliest: '06:00', latest: '21:00' }),
});
export type Calendar = z.infer<typeof calendarSchema>;

const academieSchema = z.object({
  code: z.string().regex(/^[A-Z-]+$/),
  label: z.string(),
  zone: zoneSchema.optional(),
  /** IANA time zone of the académie (its centres' clock), e.g. Indian/Mayotte; checked against the platform's database. */
  timeZone: z.string().refine(isTimeZone, { message: 'fuseau horaire IANA inconnu (ex. Europe/Paris, Indian/Mayotte)' }).optional(),
  aliases: z.array(z.string()).default([]),
});
export type AcademieDef = z.infer<typeof academieSchema>;

/**
 * A ground for dispenses (référentiel annexe IV b; annexe V b C for VAE): which units it covers, as blocks dispensed
 * together (« l'unité U2 » is U21 + U22: one block). Only the units of some ground can be dispensed (code-scope.ts).
 */
const dispenseGroundSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(1),
  source: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  blocks: z.array(z.array(z.string()).min(1)).min(1),
});
export type DispenseGround = z.infer<typeof dispenseGroundSchema>;

/**
 * An épreuve made of several units (sub-épreuves: « E2 » = U21 + U22 in the 2020 référentiel) with the coefficient the
 * règlement gives the épreuve as a whole; `ccst regulation check` verifies that the units' coefficients add up to it.
 * After décret 2024-788 sub-épreuves become épreuves: a règlement of the new shape has no such group.
 */
const epreuveGroupSchema = z.object({
  code: z.string().regex(/^E[A-Z0-9]+$/),
  title: z.string().min(1),
  coefficient,
  units: z.array(z.string()).min(2),
});
export type EpreuveGroup = z.infer<typeof epreuveGroupSchema>;

/**
 * How many épreuves a règlement may have (Code de l'éducation D643-15 1°): « au plus six épreuves obligatoires et, le cas
 * échéant, trois épreuves facultatives » before décret 2024-788, « au plus neuf … et … deux » after it.
 */
const limitsSchema = z.object({
  maxCompulsoryEpreuves: z.number().int().positive(),
  maxOptionalEpreuves: z.number().int().nonnegative(),
  source: z.string().min(1),
});

/**
 * Correspondence between the units of an earlier règlement and this one (issue 11 finding 9): a bénéfice earned in a
 * session up to `untilSession` under `from`'s unit codes counts for the unit named here (e.g. U4 of 2024 → E5's unit).
 */
const correspondenceSchema = z.object({
  from: z.string().min(1),
  /** Last session of the earlier règlement: bénéfices of that session or before are read in its codes. */
  untilSession: z.number().int(),
  source: z.string().min(1),
  aConfirmer: z.boolean().default(false),
  units: z.array(z.object({ old: z.string().regex(/^U[A-Z0-9]+$/), new: z.string() })).min(1),
});
export type Correspondence = z.infer<typeof correspondenceSchema>;

/** Checks of the contrôle de conformité that the texts give with figures (rules/conformity.ts). */
export const conformityRulesSchema = z.object({
  /** Référentiel annexe V b B.3 b: certificats de travail in place of the stage (perfectionnement). */
  perfectionnement: z.object({ fullTimeMonths: z.number().int().positive(), partTimeMonths: z.number().int().positive(), source: z.string().min(1) }),
  /** Référentiel annexe IV c, column C: « candidats justifiant de 3 ans d'expérience professionnelle ». */
  experience: z.object({ voies: z.array(z.string()).min(1), years: z.number().positive(), source: z.string().min(1) }),
  /**
   * An académie's own rule (circulaire Toulouse 2023): a candidate whose dossier is not conforming is informed at
   * least `days` days before the épreuve. Applied only to the académies listed.
   */
  notice: z.object({ days: z.number().int().positive(), academies: z.array(z.string()).min(1), source: z.string().min(1) }).optional(),
  /** The académies whose circular provides the « notation mise sous réserve de vérification » status. */
  reserve: z.object({ academies: z.array(z.string()).min(1), source: z.string().min(1) }).optional(),
});
export type ConformityRules = z.infer<typeof conformityRulesSchema>;

export const regulationSchema = z
  .object({
    id: z.string().min(1),
    diplome: z.string(),
    session: z.number().int().min(2000).max(2100),
    columns: z.object({ A: z.string(), B: z.string(), C: z.string() }),
    voies: z.array(voieSchema).min(1),
    units: z.array(unitSchema).min(1),
    deliberation: z.object({
      admissionThreshold: z.number(),
      controleThreshold: z.number(),
      professionalThreshold: z.number(),
      beneficeMinimum: z.number(),
      beneficeValidityYears: z.number().int().positive(),
      controleUnits: z.array(z.string()),
      controleMaxUnits: z.number().int().positive(),
    }),
    stage: z.object({
      minimumWeeks: z.number().int().positive(),
      maximumWeeks: z.number().int().positive(),
      minimumWeeksWithAmenagement: z.number().int().positive(),
      firstYearConsecutiveWeeks: z.number().int().positive(),
    }),
    zones: z.object({ metropole: z.string(), antilles_guyane: z.string(), reunion: z.string() }),
    /**
     * The clock each column of annexe 2 is written in: « Métropole » Paris, « Guadeloupe Martinique Guyane »
     * Guadeloupe/Martinique (its 08h00 for Métropole 14h00 is UTC−4), « La Réunion » Réunion. Defaults for files
     * written before issue #11.
     */
    columnTimeZones: z
      .object({
        metropole: z.string().refine(isTimeZone),
        antilles_guyane: z.string().refine(isTimeZone),
        reunion: z.string().refine(isTimeZone),
      })
      .default({ metropole: 'Europe/Paris', antilles_guyane: 'America/Martinique', reunion: 'Indian/Reunion' }),
    academies: z.array(academieSchema).min(1),
    regroupements: z.object({
      groups: z.array(
        z.object({ pilot: z.string(), attached: z.array(z.string()), individuals: z.array(z.string()) }),
      ),
      autonomous: z.array(z.string()),
    }),
    calendar: calendarSchema,
    /** Épreuves de contrôle per range of sessions (controle-schema.ts); absent: deliberation.controleUnits. */
    controle: controleSchema.optional(),
    /** Grounds of dispenses; absent (a regulation stored before them): the general-domain units, one ground. */
    dispenses: z.object({ grounds: z.array(dispenseGroundSchema).min(1) }).optional(),
    /** Contrôle de conformité checks with figures; absent (an older stored regulation): those checks are skipped. */
    conformity: conformityRulesSchema.optional(),
    /** Épreuves made of several units, with the épreuve's coefficient (référentiel annexe IV c: E2 = 3, E6 = 6). */
    epreuves: z.array(epreuveGroupSchema).optional(),
    /** Who sits on each épreuve's commission or corrects its copies (commissions-schema.ts); absent in older files. */
    commissions: commissionsSchema.optional(),
    limits: limitsSchema.optional(),
    correspondence: correspondenceSchema.optional(),
    /** Fields of a copy made by `ccst regulation new` that the office must still confirm against the arrêté. */
    toConfirm: z.array(z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    const units = new Set(r.units.map((u) => u.code));
    const academies = new Set(r.academies.map((a) => a.code));
    for (const code of [...r.deliberation.controleUnits]) {
      if (!units.has(code)) ctx.addIssue({ code: 'custom', message: `deliberation.controleUnits: unité inconnue ${code}` });
    }
    for (const u of r.units) {
      if (u.followsUnit && !units.has(u.followsUnit)) {
        ctx.addIssue({ code: 'custom', message: `${u.code}.followsUnit: unité inconnue ${u.followsUnit}` });
      }
    }
    const named = [
      ...r.regroupements.autonomous,
      ...r.regroupements.groups.flatMap((g) => [g.pilot, ...g.attached, ...g.individuals]),
    ];
    for (const a of named) {
      if (!academies.has(a)) ctx.addIssue({ code: 'custom', message: `regroupements: académie inconnue ${a}` });
    }
    const compulsory = new Set(r.units.filter((u) => !u.optional).map((u) => u.code));
    for (const regime of r.controle?.regimes ?? []) {
      for (const e of regime.epreuves) {
        if (!compulsory.has(e.unite)) ctx.addIssue({ code: 'custom', message: `controle.${regime.id}: ${e.unite} n’est pas une unité obligatoire du règlement` });
      }
      const other = r.controle!.regimes.find((o) => o !== regime && regimesOverlap(o, regime));
      if (other) ctx.addIssue({ code: 'custom', message: `controle: les régimes ${regime.id} et ${other.id} couvrent les mêmes sessions` });
    }
    for (const g of r.dispenses?.grounds ?? []) {
      for (const code of g.blocks.flat()) {
        if (!units.has(code)) ctx.addIssue({ code: 'custom', message: `dispenses.${g.id}: unité inconnue ${code}` });
        else if (r.units.find((u) => u.code === code)!.optional) ctx.addIssue({ code: 'custom', message: `dispenses.${g.id}: ${code} est une unité facultative` });
      }
    }
    for (const g of r.epreuves ?? []) {
      for (const code of g.units) if (!units.has(code)) ctx.addIssue({ code: 'custom', path: ['epreuves'], message: `épreuve ${g.code} : unité inconnue ${code}` });
    }
    for (const m of r.correspondence?.units ?? []) {
      if (!units.has(m.new)) ctx.addIssue({ code: 'custom', path: ['correspondence'], message: `correspondance ${m.old} → ${m.new} : unité inconnue ${m.new} dans ce règlement` });
    }
    const epreuves = new Set(r.units.map((u) => u.epreuve));
    if (r.commissions) for (const message of commissionsIssues(r.commissions, epreuves)) ctx.addIssue({ code: 'custom', path: ['commissions'], message });
    for (const w of r.calendar.written) {
      if (!epreuves.has(w.epreuve)) ctx.addIssue({ code: 'custom', message: `calendar: épreuve inconnue ${w.epreuve}` });
      for (const a of Object.keys(w.local ?? {})) {
        if (!academies.has(a)) ctx.addIssue({ code: 'custom', message: `calendar.${w.epreuve}.local: académie inconnue ${a}` });
      }
    }
  });
export type Regulation = z.infer<typeof regulationSchema>;
