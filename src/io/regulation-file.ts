// Reads a regulation JSON (bundled template or the user's own) and validates it with zod.
import '../zod-fr.js';
import fs from 'node:fs';
import path from 'node:path';
import { regulationSchema, type Regulation } from '../domain/regulation/schema.js';
import { inputError } from '../errors.js';
import { TEMPLATES_DIR } from './paths.js';

export const DEFAULT_REGULATION_ID = 'bts-ccst-2024';

export function bundledRegulationPath(id: string): string {
  return path.join(TEMPLATES_DIR, 'regulations', `${id}.json`);
}

export function listBundledRegulations(): string[] {
  return fs
    .readdirSync(path.join(TEMPLATES_DIR, 'regulations'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Parses and validates regulation JSON text; `origin` names the file in error messages. */
export function parseRegulation(text: string, origin: string): Regulation {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw inputError(`${origin}: JSON invalide (${(e as Error).message})`);
  }
  const parsed = regulationSchema.safeParse(raw);
  if (!parsed.success) {
    throw inputError(
      `${origin}: règlement invalide`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`),
    );
  }
  return parsed.data;
}

export function readRegulationFile(file: string): { regulation: Regulation; text: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw inputError(`fichier de règlement introuvable : ${file}`);
  }
  return { regulation: parseRegulation(text, file), text };
}

export function loadBundledRegulation(id = DEFAULT_REGULATION_ID): Regulation {
  return readRegulationFile(bundledRegulationPath(id)).regulation;
}
