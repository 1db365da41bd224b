// numéro → the first row where it appears, for the duplicate check of a notes file read row by row. Numéros of up to
// 13 digits (nearly all of them) go in an open-addressing table of doubles; any other text in a Map. On a
// 250k-candidate file a Map of strings alone was a tenth of the reading time (string hashing, table growth).

/** A number standing for a numéro of 1 to 13 ASCII digits, its length included ("0123" ≠ "123"); 0 for other text. */
function digitsKey(s: string): number {
  const n = s.length;
  if (n === 0 || n > 13) return 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    v = v * 10 + d;
  }
  return v * 16 + n; // < 1.6e14: an exact integer, never 0
}

export class FirstRows {
  private keys = new Float64Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private count = 0;
  private readonly others = new Map<string, number>();

  /** The row where `numero` was first seen; undefined when it is new (then `row` is recorded for it). */
  firstOrAdd(numero: string, row: number): number | undefined {
    const key = digitsKey(numero);
    if (key === 0) {
      const first = this.others.get(numero);
      if (first === undefined) this.others.set(numero, row);
      return first;
    }
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    const slot = this.find(key);
    if (this.keys[slot] === key) return this.rows[slot];
    this.keys[slot] = key;
    this.rows[slot] = row;
    this.count++;
    return undefined;
  }

  /** The slot holding `key`, or the empty slot where it goes (linear probing; the table is at most half full). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    const lo = key % 4294967296;
    const hi = (key - lo) / 4294967296;
    let slot = (Math.imul(lo | 0, 0x9e3779b1) ^ Math.imul(hi | 0, 0x85ebca77)) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.find(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}
