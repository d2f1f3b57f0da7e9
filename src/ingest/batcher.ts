// Group commit: callers submit items and get their own result back, but the items are written in
// batches. There is no timer: when nothing is being written, an item is flushed at once, alone.
// Items that arrive while a flush is in flight wait for it and then go together in the next one
// (at most `maxBatch` per flush; the rest take the flush after). So an idle system pays no extra
// latency, and a busy one pays one commit per batch instead of one per request.

export interface BatcherOptions<In> {
  /** Most items in one flush. */
  maxBatch: number;
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
  private inFlight = false;

  constructor(
    private readonly flush: FlushFn<In, Out>,
    private readonly options: BatcherOptions<In>,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new Error('maxBatch must be a positive integer');
  }

  /** Items waiting for the next flush. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Whether a flush is in flight (new items then wait and go together in the next one). */
  get flushing(): boolean {
    return this.inFlight;
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.inFlight) void this.drain();
    });
  }

  /** Flushes until nothing is pending; only one drain loop runs at a time. */
  private async drain(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.pending.length > 0) {
        await this.flushOne(this.pending.splice(0, this.nextBatchLength()));
      }
    } finally {
      this.inFlight = false;
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
