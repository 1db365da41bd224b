// Rates of counts (pass rates, shares of notes) shown to one decimal. One formatter for the whole tool (the PV's
// summary, `ccst stats`, `ccst harmonisation`): TRUNCATED like the averages (issue 15: « rates computed exactly »;
// project standard: displayed figures truncated, never rounded up across a threshold — 2/3 is 66,6 %, not 66,7 %).

/** ⌊k × 1000 / n⌋: the rate in tenths of a percent, by integer arithmetic (k, n counts, n > 0). */
export function rateTenths(k: number, n: number): number {
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n) || k < 0 || n <= 0 || k > n) {
    throw new Error(`taux invalide: ${k}/${n}`);
  }
  const scaled = k * 1000;
  return (scaled - (scaled % n)) / n;
}

/** "66,6 %" for 2/3; "—" when there is nobody to count. */
export function formatRate(k: number, n: number): string {
  if (n === 0) return '—';
  const t = rateTenths(k, n);
  return `${(t - (t % 10)) / 10},${t % 10} %`;
}

/** The rate as a number of percent with one decimal (truncated), for data outputs (JSON, XLSX): 2/3 → 66.6. */
export function ratePercent(k: number, n: number): number | null {
  return n === 0 ? null : rateTenths(k, n) / 10;
}
