// A small open-addressing hash table over typed arrays, for the fast lane's token memos, keyed by a
// run of bytes (a token's shape, or its exact bytes). Keys are stored
// and compared in full on every hit, so a hash collision costs a probe, never a wrong answer.
// A slot holds its whole record (hash, key offset, key length, value) in one cache line, and the
// table starts small and doubles, so the few thousand keys of a real log stay in the CPU caches.
// Capacity is bounded: `add` answers -1 when full, and the owner clears the table (a memo can
// always be rebuilt; the miner's state does not live here).
// A table can live in memory it is given (TableStorage: the WebAssembly scan reads it there, see
// scan-core.ts): it then grows within that memory, rehashing in place, and never past it.

const REC = 4; // ints per slot: hash, key offset, key length + 1 (0 = empty slot), value
const MIN_SLOTS = 4096; // a real log's shapes fit without growing (see START_NODES in line-trie.ts)

/** Each byte with every digit as '1'. */
export const DIGIT_AS_ONE = new Uint8Array(256).map((_, c) => (c >= 48 && c <= 57 ? 49 : c));

/** Whether `keys[at, at + to - from)` holds the bytes `src[from, to)`. */
function sameBytes(keys: Uint8Array, at: number, src: Uint8Array, from: number, to: number): boolean {
  const d = at - from;
  let k = from;
  while (k < to && keys[d + k] === src[k]) k++;
  return k === to;
}

/** Whether `keys[at, at + to - from)` holds the bytes `src[from, to)` with every digit as '1'. */
export function sameDigitsAsOne(keys: Uint8Array, at: number, src: Uint8Array, from: number, to: number): boolean {
  const d = at - from;
  let k = from;
  while (k < to && keys[d + k] === DIGIT_AS_ONE[src[k] as number]) k++;
  return k === to;
}

/** Memory for a table: room for every slot it may grow to (4 ints each) and every key byte. */
export interface TableStorage {
  rec: Int32Array;
  arena: Uint8Array;
}

/**
 * Slots a table of `maxEntries` may grow to: it doubles before an insert would leave it more than
 * half full, and `add` refuses the entry past maxEntries, so twice that many slots always do.
 */
export function maxSlots(maxEntries: number): number {
  let slots = MIN_SLOTS;
  while (slots < 2 * maxEntries) slots *= 2;
  return slots;
}

abstract class OpenTable {
  protected rec: Int32Array;
  /** Slots - 1 (a power of two minus one). */
  mask = MIN_SLOTS - 1;
  size = 0;

  constructor(readonly maxEntries: number, protected readonly storage?: TableStorage) {
    this.rec = this.slots(MIN_SLOTS);
  }

  /** Value of the record at `r` (an index `find` returned). */
  value(r: number): number {
    return this.rec[r + 3] as number;
  }

  protected insert(h: number, at: number, len: number, value: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.size++;
    const rec = this.rec;
    let s = h & this.mask;
    while (rec[(s << 2) + 2] !== 0) s = (s + 1) & this.mask;
    const r = s << 2;
    rec[r] = h;
    rec[r + 1] = at;
    rec[r + 2] = len + 1;
    rec[r + 3] = value;
    return r;
  }

  /** Zeroed records for `n` slots: in the storage if there is one (the old records go first). */
  private slots(n: number): Int32Array {
    if (this.storage === undefined) return new Int32Array(n * REC);
    const rec = this.storage.rec.subarray(0, n * REC);
    if (rec.length < n * REC) throw new Error(`byte table: ${n} slots do not fit its storage`);
    rec.fill(0);
    return rec;
  }

  private grow(): void {
    const old = this.storage === undefined ? this.rec : this.rec.slice();
    const slots = (this.mask + 1) * 2;
    this.rec = this.slots(slots);
    this.mask = slots - 1;
    for (let r = 0; r < old.length; r += REC) {
      if (old[r + 2] === 0) continue;
      let s = (old[r] as number) & this.mask;
      while (this.rec[(s << 2) + 2] !== 0) s = (s + 1) & this.mask;
      this.rec.set(old.subarray(r, r + REC), s << 2);
    }
  }

  protected reset(): void {
    if (this.storage !== undefined) this.rec.fill(0);
    this.rec = this.slots(MIN_SLOTS);
    this.mask = MIN_SLOTS - 1;
    this.size = 0;
  }
}

/** Records keyed by bytes, each with an int32 value. */
export class BytesTable extends OpenTable {
  private arena: Uint8Array;
  private used = 0;

  constructor(maxEntries: number, private readonly maxArena: number, storage?: TableStorage) {
    super(maxEntries, storage);
    this.arena = storage?.arena ?? new Uint8Array(1 << 16);
  }

  /** Record index of the key `src[from, from + len)` (hash `h`), or -1. */
  find(src: Uint8Array, from: number, len: number, h: number): number {
    return this.probe(src, from, len, h, false);
  }

  /** As `find`, for a key given with digits as they are, stored with every digit as '1'. */
  findDigitsAsOne(src: Uint8Array, from: number, len: number, h: number): number {
    return this.probe(src, from, len, h, true);
  }

  private probe(src: Uint8Array, from: number, len: number, h: number, digitsAsOne: boolean): number {
    const rec = this.rec;
    const arena = this.arena;
    const mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const r = s << 2;
      const l = rec[r + 2] as number;
      if (l === 0) return -1;
      if (rec[r] !== h || l !== len + 1) continue;
      const at = rec[r + 1] as number;
      if (digitsAsOne ? sameDigitsAsOne(arena, at, src, from, from + len) : sameBytes(arena, at, src, from, from + len)) return r;
    }
  }

  /** The bytes of every stored key (`keyAt` says where one is); replaced when the table grows. */
  get keys(): Uint8Array {
    return this.arena;
  }

  /** Offset in `keys` of the key of the record at `r`. */
  keyAt(r: number): number {
    return this.rec[r + 1] as number;
  }

  /** Length of the key of the record at `r`. */
  keyLength(r: number): number {
    return (this.rec[r + 2] as number) - 1;
  }

  /** Adds a key that `find` did not find; returns its record index, or -1 when the table is full. */
  add(src: Uint8Array, from: number, len: number, h: number, value: number): number {
    if (this.size >= this.maxEntries || this.used + len > this.maxArena) return -1;
    if (this.used + len > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.used + len) size *= 2;
      const bigger = new Uint8Array(Math.min(size, this.maxArena));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(src.subarray(from, from + len), this.used);
    const r = this.insert(h, this.used, len, value);
    this.used += len;
    return r;
  }

  clear(): void {
    this.reset();
    this.arena = this.storage?.arena ?? new Uint8Array(1 << 16);
    this.used = 0;
  }
}
