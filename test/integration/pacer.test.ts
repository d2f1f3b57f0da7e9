// The shared Slack budget on a real Redis: bursts, the steady pace, reservations, 429 pauses.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { SlackPacer } from '../../src/slack/pacer.js';
import { uniquePrefix } from '../helpers/harness.js';

let redis: Redis;
let pacer: SlackPacer;
const limit = { intervalMs: 1000, burst: 3 };

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
  pacer = new SlackPacer(redis, uniquePrefix());
});
afterAll(() => redis.disconnect());

describe('SlackPacer', () => {
  it('grants the burst at once, then says how long until the next slot', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await pacer.take('post:C1', limit));
    expect(answers.slice(0, 3).map((a) => a.granted)).toEqual([true, true, true]);
    expect(answers[3]?.granted).toBe(false);
    expect(answers[3]?.waitMs).toBeGreaterThan(800);
    expect(answers[3]?.waitMs).toBeLessThanOrEqual(1000);
    // Another channel has its own budget.
    expect((await pacer.take('post:C2', limit)).granted).toBe(true);
  });

  it('reserves consecutive slots for callers that wait, one interval apart', async () => {
    for (let i = 0; i < 3; i++) await pacer.take('post:C3', limit);
    const first = await pacer.take('post:C3', limit, 5000);
    const second = await pacer.take('post:C3', limit, 5000);
    expect(first.granted && second.granted).toBe(true);
    expect(second.waitMs - first.waitMs).toBeGreaterThan(950);
    // Reserved slots are taken: a caller that won't wait is told to come back after them.
    const now = await pacer.take('post:C3', limit);
    expect(now.granted).toBe(false);
    expect(now.waitMs).toBeGreaterThan(second.waitMs);
  });

  it('holds every caller back for a 429 Retry-After', async () => {
    await pacer.pause('update', 1500);
    const answer = await pacer.take('update', limit, 1000);
    expect(answer).toMatchObject({ granted: false, paused: true });
    expect(answer.waitMs).toBeGreaterThan(1000);
  });
});
