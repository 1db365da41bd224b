// The bundled effects of disciplinary decisions (templates/discipline/bts-fraude.json), validated when read.
import '../zod-fr.js';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from './paths.js';
import { disciplineSchema, type Discipline } from '../domain/incidents/effects.js';

export const DISCIPLINE_FILE = path.join(TEMPLATES_DIR, 'discipline', 'bts-fraude.json');

export function loadDiscipline(file = DISCIPLINE_FILE): Discipline {
  return disciplineSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
