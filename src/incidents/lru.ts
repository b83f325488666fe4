// A Map bounded by entry count that drops the least recently used entry. Used for the per-trace and
// per-instance correlation state, so memory stays bounded however many lines a run reads.
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  evicted = 0;
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) {
        this.map.delete(oldest.value);
        this.evicted++;
      }
    }
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }
}
