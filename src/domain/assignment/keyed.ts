// Integer keys for candidate × épreuve and an array-backed table over them (assignCentres's hot paths).
import type { Regulation } from '../regulation/schema.js';

/**
 * Candidates × épreuves are keyed by integers (candidate rank by numéro × 16 + unit rank) rather than strings:
 * with a million requirements, string keys cost seconds in hashing and garbage (npm run bench:assign).
 */
export class Keys {
  private rankOf?: Map<string, number>;
  readonly unitRank: Map<string, number>;
  readonly width: number;
  constructor(reg: Regulation, private readonly numeros: string[]) {
    this.unitRank = new Map(reg.units.map((u, i) => [u.epreuve, i]));
    this.width = Math.max(16, reg.units.length);
  }
  /** -1 when the candidate or the épreuve is unknown. The numéro index is built on first use (re-runs, pins). */
  of(numero: string, epreuve: string): number {
    if (!this.rankOf) this.rankOf = new Map(this.numeros.map((n, i) => [n, i]));
    const i = this.rankOf.get(numero);
    const u = this.unitRank.get(epreuve);
    return i === undefined || u === undefined ? -1 : i * this.width + u;
  }
}

/**
 * A map from integer keys to values: an Int32Array index (no pointers, so nothing for the garbage collector to
 * scan) into values kept in insertion order; iteration in ascending key order.
 */
export class Table<T> {
  private readonly index: Int32Array;
  private readonly values: T[] = [];
  constructor(length: number) {
    this.index = new Int32Array(length).fill(-1);
  }
  get size(): number {
    return this.values.length;
  }
  get(k: number): T | undefined {
    const i = k < 0 ? -1 : this.index[k]!;
    return i < 0 ? undefined : this.values[i];
  }
  has(k: number): boolean {
    return k >= 0 && this.index[k]! >= 0;
  }
  set(k: number, v: T): void {
    const i = this.index[k]!;
    if (i >= 0) this.values[i] = v;
    else {
      this.index[k] = this.values.length;
      this.values.push(v);
    }
  }
  forEach(fn: (v: T, k: number) => void): void {
    const index = this.index;
    for (let k = 0; k < index.length; k++) if (index[k]! >= 0) fn(this.values[index[k]!]!, k);
  }
}
