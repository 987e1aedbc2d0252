/**
 * Interns integer sequences (paths of key ids, Markov states) to dense ids. Open addressing on a
 * 32-bit hash with the sequences stored once in a flat Int32Array: no string per lookup, which is
 * what keeps aggregating a million journeys fast.
 */
export class SequenceIndex {
  /** Sequence i is data[offsets[i] .. offsets[i + 1]). */
  data: Int32Array = new Int32Array(1024);
  offsets: Int32Array = new Int32Array(257);
  count = 0;
  private used = 0;
  private slots = new Int32Array(1024).fill(-1);
  private hashes: Int32Array = new Int32Array(256);

  private static hash(src: ArrayLike<number>, from: number, to: number): number {
    let h = (to - from) ^ 0x9e3779b9;
    for (let i = from; i < to; i++) {
      h = Math.imul(h ^ (src[i] as number), 0x85ebca6b);
      h ^= h >>> 13;
    }
    h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  private equals(id: number, src: ArrayLike<number>, from: number, to: number): boolean {
    const start = this.offsets[id] as number;
    if ((this.offsets[id + 1] as number) - start !== to - from) return false;
    for (let i = from; i < to; i++) if (this.data[start + i - from] !== src[i]) return false;
    return true;
  }

  /** The id of src[from..to), added if new. */
  intern(src: ArrayLike<number>, from: number, to: number): number {
    const h = SequenceIndex.hash(src, from, to);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] as number;
      if (id < 0) return this.append(slot, h, src, from, to);
      if (this.hashes[id] === h && this.equals(id, src, from, to)) return id;
    }
  }

  private append(slot: number, h: number, src: ArrayLike<number>, from: number, to: number): number {
    const id = this.count++;
    const start = this.offsets[id] as number;
    const end = start + to - from;
    if (end > this.data.length) this.data = grow(this.data, end);
    for (let i = from; i < to; i++) this.data[start + i - from] = src[i] as number;
    if (id + 2 > this.offsets.length) this.offsets = grow(this.offsets, id + 2);
    this.offsets[id + 1] = end;
    if (id + 1 > this.hashes.length) this.hashes = grow(this.hashes, id + 1);
    this.hashes[id] = h;
    this.slots[slot] = id;
    if (++this.used * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while ((slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function grow(array: Int32Array, atLeast: number): Int32Array {
  const grown = new Int32Array(Math.max(array.length * 2, atLeast));
  grown.set(array);
  return grown;
}
