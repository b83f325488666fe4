// Pass 1 of `log-gardener mine` keeps one small integer per line: the index of the template id
// the line got (ids are few, lines are many). Pass 2 looks each row's id up through it.

export class LineIds {
  /** Distinct ids in order of first use. */
  readonly ids: string[] = [];
  /**
   * Id index of each line so far, in [0, count). It starts small on purpose: it then grows (and
   * the growing code gets its type feedback) while the first lines are still interpreted, instead
   * of after the pass loop was optimised, which would throw that code away.
   */
  perLine = new Uint32Array(16);
  count = 0;
  private readonly index = new Map<string, number>();
  private readonly bySeq: number[] = [];
  private lastId = '';
  private lastK = 0;

  /** `seq`: the cluster's creation order, when the miner gives it (Miner.addLines, IdSink). */
  push(id: string, seq = -1): void {
    // Consecutive lines often share an id (the same string object): skip the map lookup then;
    // a cluster seen before by its seq skips it too (an array read, not a string hash).
    let k = id === this.lastId ? this.lastK : seq >= 0 ? this.bySeq[seq] : undefined;
    if (k === undefined) {
      k = this.index.get(id);
      if (k === undefined) {
        k = this.ids.length;
        this.ids.push(id);
        this.index.set(id, k);
      }
      if (seq >= 0) this.bySeq[seq] = k;
    }
    this.lastId = id;
    this.lastK = k;
    if (this.count === this.perLine.length) {
      const grown = new Uint32Array(this.perLine.length * 2);
      grown.set(this.perLine);
      this.perLine = grown;
    }
    this.perLine[this.count++] = k;
  }
}
