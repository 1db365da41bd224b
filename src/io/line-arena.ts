// Output lines kept as UTF-8 bytes in large buffers until they can be written in their final order (the PV is
// sorted by name once every candidate is known). For 250k lines this is ~40 MB outside the JavaScript heap instead
// of a quarter of a million strings the garbage collector keeps copying, and encoding happens while the input is
// still being read rather than all at the end. Full buffers are kept as they are (no copy when more room is needed).
const SLAB_BYTES = 4 << 20;

export class LineArena {
  private readonly slabs: Buffer[] = [];
  private slab = Buffer.allocUnsafe(0);
  private used = 0;
  /** Per line: its slab, start and end. */
  private readonly slabOf: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Stores a line; returns its index. */
  add(line: string): number {
    // At most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
    if (this.slabs.length === 0 || this.used + 3 * line.length > this.slab.length) {
      this.slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, 3 * line.length));
      this.slabs.push(this.slab);
      this.used = 0;
    }
    this.slabOf.push(this.slabs.length - 1);
    this.starts.push(this.used);
    this.used += this.slab.write(line, this.used, 'utf8');
    this.ends.push(this.used);
    return this.starts.length - 1;
  }

  get size(): number {
    return this.starts.length;
  }

  /** The lines of the given indexes, in that order, in chunks of about `chunkBytes` (each chunk a new Buffer). */
  *chunks(order: Iterable<number>, chunkBytes = 1 << 20): Iterable<Buffer> {
    let chunk = Buffer.allocUnsafe(chunkBytes);
    let at = 0;
    for (const i of order) {
      const start = this.starts[i]!;
      const length = this.ends[i]! - start;
      if (at + length > chunk.length) {
        if (at > 0) yield chunk.subarray(0, at);
        chunk = Buffer.allocUnsafe(Math.max(chunkBytes, length));
        at = 0;
      }
      this.slabs[this.slabOf[i]!]!.copy(chunk, at, start, start + length);
      at += length;
    }
    if (at > 0) yield chunk.subarray(0, at);
  }
}
