// Guesses a CSV file's encoding and delimiter from its first bytes.
// French offices send UTF-8 (with or without BOM) and Windows-1252 (Excel "CSV (séparateur: point-virgule)").

export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvDelimiter = ';' | ',' | '\t';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** UTF-8 when the sample decodes strictly (a character cut at the sample's end is tolerated). */
export function detectEncoding(sample: Uint8Array): CsvEncoding {
  if (hasUtf8Bom(sample)) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * The delimiter whose count per line is the most regular over the first lines: a ';' file with decimal commas
 * has the same number of ';' on every line, while its ',' vary. Quoted text is ignored.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30);
  let best: { d: CsvDelimiter; score: number } = { d: ';', score: -1 };
  for (const d of [';', ',', '\t'] as CsvDelimiter[]) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((c) => c > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [c, f] of freq) if (f > modeFreq || (f === modeFreq && c > mode)) [mode, modeFreq] = [c, f];
    const score = modeFreq * 1000 + mode;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}
