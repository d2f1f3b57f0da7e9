// The group-commit batcher on its own: no timer, batching only while a flush is in flight, bounds,
// and a failed flush failing every item of its batch (and only those).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../../src/webhooks/batcher.js';

/** A flush the test finishes by hand, recording each batch it was given. */
function manualFlush() {
  const batches: string[][] = [];
  const finishers: Array<{ ok: () => void; fail: (err: Error) => void }> = [];
  const flush = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finishers.push({ ok: () => resolve(items.map((i) => `kept ${i}`)), fail: reject });
    });
  return { flush, batches, finishers };
}

const settle = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('Batcher', () => {
  it('flushes a lone item at once, without waiting for any timer', async () => {
    vi.useFakeTimers();
    const flushed: string[][] = [];
    const batcher = new Batcher(
      async (items: string[]) => {
        flushed.push(items);
        return items.map((i) => i.toUpperCase());
      },
      { maxBatch: 256 },
    );
    const answer = batcher.submit('a');
    // Called synchronously inside submit: no setTimeout, no setImmediate, nothing to advance.
    expect(flushed).toEqual([['a']]);
    expect(vi.getTimerCount()).toBe(0);
    await expect(answer).resolves.toBe('A');
  });

  it('collects items that arrive during a flush into the next batch, and answers each its own result', async () => {
    const m = manualFlush();
    const batcher = new Batcher(m.flush, { maxBatch: 256 });
    const first = batcher.submit('a');
    const later = ['b', 'c', 'd'].map((i) => batcher.submit(i));
    expect(m.batches).toEqual([['a']]);
    m.finishers[0]?.ok();
    await expect(first).resolves.toBe('kept a');
    await settle();
    expect(m.batches).toEqual([['a'], ['b', 'c', 'd']]);
    m.finishers[1]?.ok();
    await expect(Promise.all(later)).resolves.toEqual(['kept b', 'kept c', 'kept d']);
  });

  it('never puts more than maxBatch items in one flush', async () => {
    const m = manualFlush();
    const batcher = new Batcher(m.flush, { maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((i) => batcher.submit(i));
    for (let n = 0; n < 4; n++) {
      m.finishers[n]?.ok();
      await settle();
    }
    await Promise.all(all);
    expect(m.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('stops a batch before its weight passes maxWeight, but always takes at least one item', async () => {
    const m = manualFlush();
    const batcher = new Batcher(m.flush, { maxBatch: 10, maxWeight: 5, weigh: (s) => s.length });
    const all = ['x', 'aaa', 'bb', 'c', 'dddddddd', 'e'].map((i) => batcher.submit(i));
    for (let n = 0; n < 5; n++) {
      m.finishers[n]?.ok();
      await settle();
    }
    await Promise.all(all);
    expect(m.batches).toEqual([['x'], ['aaa', 'bb'], ['c'], ['dddddddd'], ['e']]);
  });

  it('with maxFlushes 2, a second item starts its own flush and only the third waits', async () => {
    const m = manualFlush();
    const batcher = new Batcher(m.flush, { maxBatch: 256, maxFlushes: 2 });
    const all = ['a', 'b', 'c', 'd'].map((i) => batcher.submit(i));
    expect(m.batches).toEqual([['a'], ['b']]);
    expect(batcher.state).toEqual({ flushes: 2, flushing: 2, waiting: 2 });
    m.finishers[1]?.ok();
    await settle();
    expect(m.batches).toEqual([['a'], ['b'], ['c', 'd']]);
    m.finishers[0]?.ok();
    m.finishers[2]?.ok();
    await expect(Promise.all(all)).resolves.toEqual(['kept a', 'kept b', 'kept c', 'kept d']);
    await settle();
    expect(batcher.state).toEqual({ flushes: 0, flushing: 0, waiting: 0 });
  });

  it('fails every item of a failed batch, and the next batch still goes', async () => {
    const m = manualFlush();
    const onFlush = vi.fn();
    const batcher = new Batcher(m.flush, { maxBatch: 256, onFlush });
    const a = batcher.submit('a');
    const bc = [batcher.submit('b'), batcher.submit('c')];
    m.finishers[0]?.ok();
    await a;
    await settle();
    m.finishers[1]?.fail(new Error('commit failed'));
    const results = await Promise.allSettled(bc);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const d = batcher.submit('d');
    expect(m.batches.at(-1)).toEqual(['d']);
    m.finishers[2]?.ok();
    await expect(d).resolves.toBe('kept d');
    expect(onFlush.mock.calls.map(([size, , ok]) => [size, ok])).toEqual([
      [1, true],
      [2, false],
      [1, true],
    ]);
  });

  it('fails the batch when the flush answers the wrong number of results', async () => {
    const batcher = new Batcher(async (items: string[]) => items.slice(1), { maxBatch: 256 });
    await expect(batcher.submit('a')).rejects.toThrow(/0 results for 1 items/);
  });
});
