// How statistics are written in documents and sheets: decimal comma, averages and quantiles TRUNCATED to two
// decimals like every displayed average (project standard), rates by the one truncating formatter (rate.ts).
import { formatTruncated, type Fraction } from '../../domain/deliberation/exact.js';

/** Hundredths (a quartile may hold a fraction of a hundredth) → "12,50", truncated. */
export function points(h: number | null): string {
  if (h === null) return '—';
  const t = Math.floor(h + 1e-9); // quartiles end in exact quarters: no float noise to fear, the epsilon is a guard
  return `${Math.floor(t / 100)},${String(t % 100).padStart(2, '0')}`;
}

/** Hundredths → points as a number for XLSX/JSON, truncated to 2 decimals. */
export function pointsNumber(h: number | null): number | null {
  return h === null ? null : Math.floor(h + 1e-9) / 100;
}

export function mean(f: Fraction | null): string {
  return f ? formatTruncated(f) : '—';
}

export function meanNumber(f: Fraction | null): number | null {
  if (!f) return null;
  return Number(formatTruncated(f).replace(',', '.'));
}

export function decimal(x: number | null, digits = 2): string {
  return x === null ? '—' : x.toFixed(digits).replace('.', ',');
}

/** A p-value for a reader: « < 0,001 » below a thousandth. */
export function pValue(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0,001' : p.toFixed(3).replace('.', ',');
}
