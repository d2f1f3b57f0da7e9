// Group commit: callers submit items and get their own result back, but the items are written in
// batches. There is no timer: while fewer than `maxFlushes` flushes are in flight, an item is
// flushed at once (alone, when the system is idle). Items that arrive while every flush slot is
// busy wait, and go together in the next flush that frees up (at most `maxBatch` per flush; the
// rest take the one after). So an idle system pays no extra latency, and a busy one pays one
// commit per batch instead of one per request.

export interface BatcherOptions<In> {
  /** Most items in one flush. */
  maxBatch: number;
  /** Most flushes in flight at once (1: strictly one after the other). */
  maxFlushes?: number;
  /** Optional second bound: a batch stops before its items' total weight (e.g. bytes) passes this. */
  maxWeight?: number;
  weigh?: (item: In) => number;
  /** Called after every flush, for metrics. */
  onFlush?: (size: number, seconds: number, ok: boolean) => void;
}

/**
 * Writes a batch; returns one result per item, in the same order. If it throws (or returns the
 * wrong number of results), every item of the batch fails with that error: nothing is half-done.
 */
export type FlushFn<In, Out> = (items: In[]) => Promise<Out[]>;

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

export class Batcher<In, Out> {
  private pending: Waiting<In, Out>[] = [];
  private flushes = 0;
  private flushingItems = 0;

  constructor(
    private readonly flush: FlushFn<In, Out>,
    private readonly options: BatcherOptions<In>,
  ) {
    for (const [name, value] of [
      ['maxBatch', options.maxBatch],
      ['maxFlushes', options.maxFlushes ?? 1],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
    }
  }

  /** Flushes in flight, the items they carry, and the items waiting for a free flush. */
  get state(): { flushes: number; flushing: number; waiting: number } {
    return { flushes: this.flushes, flushing: this.flushingItems, waiting: this.pending.length };
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.flushes < (this.options.maxFlushes ?? 1)) void this.drain();
    });
  }

  /** One flush slot: flushes until nothing is pending. At most `maxFlushes` of these run at once. */
  private async drain(): Promise<void> {
    this.flushes += 1;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.nextBatchLength());
        this.flushingItems += batch.length;
        try {
          await this.flushOne(batch);
        } finally {
          this.flushingItems -= batch.length;
        }
      }
    } finally {
      this.flushes -= 1;
    }
  }

  /** How many pending items go in the next flush: always at least one, however heavy. */
  private nextBatchLength(): number {
    const { maxBatch, maxWeight, weigh } = this.options;
    const limit = Math.min(maxBatch, this.pending.length);
    if (maxWeight === undefined || !weigh) return limit;
    let total = 0;
    for (let n = 0; n < limit; n++) {
      total += weigh((this.pending[n] as Waiting<In, Out>).item);
      if (n > 0 && total > maxWeight) return n;
    }
    return limit;
  }

  private async flushOne(batch: Waiting<In, Out>[]): Promise<void> {
    const started = performance.now();
    let results: Out[];
    try {
      results = await this.flush(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`flush returned ${results.length} results for ${batch.length} items`);
    } catch (err) {
      this.options.onFlush?.(batch.length, (performance.now() - started) / 1000, false);
      for (const w of batch) w.reject(err);
      return;
    }
    this.options.onFlush?.(batch.length, (performance.now() - started) / 1000, true);
    batch.forEach((w, i) => {
      w.resolve(results[i] as Out);
    });
  }
}
