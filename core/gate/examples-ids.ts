/**
 * The ids of per-example results, as bytes: one arena and an offset per row, no JS string per id.
 * Repeats must be refused and the two runs paired by id, both of which want an index from id to row
 * — except in the common case, ids written in increasing order (0, 1, 2… or ex-0001, ex-0002…),
 * where no id can repeat; the index is then built only if pairing needs it.
 */
import { decode, grow, hashBytes, sameBytes } from "./examples-column.js";

/** perf: examples-id-arena — ids are bytes in one arena with an offset a row; a string only for messages. */
export class ExampleIds {
  rows = 0;
  private arena = new Uint8Array(1 << 16);
  private offsets = new Int32Array(1025);
  /** id → row + 1 (0: empty slot), open addressing; null while no index was needed. */
  private slots: Int32Array | null = null;
  private hashes: Int32Array | null = null;

  /**
   * Adds the next row's id (trimmed bytes); returns the row of an earlier equal id, or -1.
   * perf: examples-ordered-ids — ids in increasing shortlex order (length, then bytes: 9 < 10, and
   * ex-0009 < ex-0010) are distinct without an index; the first id out of order builds it.
   */
  add(b: Uint8Array, start: number, end: number): number {
    const row = this.rows;
    if (this.slots === null && row > 0 && !this.follows(b, start, end)) this.index();
    if (this.slots !== null) {
      const earlier = this.find(b, start, end);
      if (earlier >= 0) return earlier;
    }
    this.append(b, start, end);
    if (this.slots !== null) this.insert(row, hashBytes(b, start, end));
    return -1;
  }

  /** The row whose id is these bytes, or -1. Builds the index on first use. */
  find(b: Uint8Array, start: number, end: number): number {
    if (this.slots === null) this.index();
    const slots = this.slots as Int32Array;
    const hashes = this.hashes as Int32Array;
    const h = hashBytes(b, start, end);
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const row = (slots[s] as number) - 1;
      if (row < 0) return -1;
      if (
        hashes[row] === h &&
        sameBytes(b, start, end, this.arena, this.offsets[row] as number, this.offsets[row + 1] as number)
      )
        return row;
    }
  }

  /** Row i's id in the other store: find(), for pairing. */
  findIn(other: ExampleIds, row: number): number {
    return other.find(this.arena, this.offsets[row] as number, this.offsets[row + 1] as number);
  }

  /** Whether row i has the same id here and in `other`. */
  sameAt(other: ExampleIds, i: number): boolean {
    return sameBytes(
      this.arena,
      this.offsets[i] as number,
      this.offsets[i + 1] as number,
      other.arena,
      other.offsets[i] as number,
      other.offsets[i + 1] as number,
    );
  }

  id(i: number): string {
    return decode(this.arena, this.offsets[i] as number, this.offsets[i + 1] as number);
  }

  /** Drops unused capacity. */
  finish(): void {
    const used = this.offsets[this.rows] as number;
    if (this.arena.length > used * 1.25 + 1024) this.arena = this.arena.slice(0, used);
    if (this.offsets.length > this.rows * 1.25 + 1024) this.offsets = this.offsets.slice(0, this.rows + 1);
  }

  /** Whether the id sorts after the last one (shortlex). */
  private follows(b: Uint8Array, start: number, end: number): boolean {
    const ps = this.offsets[this.rows - 1] as number;
    const pe = this.offsets[this.rows] as number;
    const len = end - start;
    if (len !== pe - ps) return len > pe - ps;
    for (let k = 0; k < len; k++) {
      const x = b[start + k] as number;
      const y = this.arena[ps + k] as number;
      if (x !== y) return x > y;
    }
    return false;
  }

  private append(b: Uint8Array, start: number, end: number): void {
    const row = this.rows++;
    if (row + 1 === this.offsets.length) this.offsets = grow(this.offsets, this.offsets.length * 2);
    const at = this.offsets[row] as number;
    if (at + end - start > this.arena.length)
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, at + end - start));
    const arena = this.arena;
    // A byte loop: ids are short, and a subarray per id cost more than the copy.
    for (let k = start; k < end; k++) arena[at + k - start] = b[k] as number;
    this.offsets[row + 1] = at + end - start;
  }

  private index(): void {
    let size = 64;
    while (size < this.rows * 2 + 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(Math.max(this.rows, 1024));
    for (let row = 0; row < this.rows; row++) {
      this.insert(row, hashBytes(this.arena, this.offsets[row] as number, this.offsets[row + 1] as number));
    }
  }

  private insert(row: number, h: number): void {
    let hashes = this.hashes as Int32Array;
    if (row >= hashes.length) hashes = this.hashes = grow(hashes, hashes.length * 2);
    hashes[row] = h;
    if ((row + 1) * 2 > (this.slots as Int32Array).length) {
      this.rehash();
      return;
    }
    const slots = this.slots as Int32Array;
    const mask = slots.length - 1;
    let s = h & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = row + 1;
  }

  private rehash(): void {
    const slots = new Int32Array((this.slots as Int32Array).length * 2);
    const hashes = this.hashes as Int32Array;
    const mask = slots.length - 1;
    for (let row = 0; row < this.rows; row++) {
      let s = (hashes[row] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = row + 1;
    }
    this.slots = slots;
  }
}
