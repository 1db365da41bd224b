// Code UAI (ex-RNE) of an établissement: 7 characters + a check letter.
// The letter is "ABCDEFGHJKLMNPRSTUVWXYZ"[n mod 23] where n is the 7 first characters read as a number
// (I, O and Q are left out of the alphabet). Verified on published UAIs: 0310028M (Toulouse), 0130042A
// (Marseille), 6200048H (Vico, Corse-du-Sud). Corsican UAIs use the numeric prefixes 620 (2A) and 720 (2B),
// never the letters A/B, so a UAI with a letter among its 7 first characters is malformed.
import { fail, ok, type FieldResult } from './validation.js';

const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(first7: string): string {
  return CHECK_LETTERS[Number(first7) % 23]!;
}

/** "0310028m", " 031 0028 M" → "0310028M"; a wrong check letter names the expected one. */
export function parseUai(raw: string): FieldResult<string> {
  const uai = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{7}[A-Z]$/.test(uai)) {
    return fail('uai', `code UAI mal formé : « ${raw} » (attendu 7 chiffres et une lettre, ex. 0310028M)`);
  }
  const expected = uaiCheckLetter(uai.slice(0, 7));
  if (uai[7] !== expected) {
    return fail('uai-cle', `clé UAI incorrecte : ${uai} (attendu ${uai.slice(0, 7)}${expected})`);
  }
  return ok(uai);
}
