/** A small seeded generator (xorshift32): sketches must give the same answer for the same input. */
export class Xorshift32 {
  state: number;
  constructor(seed = 0x9e3779b9) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  bit(): number {
    return this.next() & 1;
  }
}
