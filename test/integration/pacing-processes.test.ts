// Two worker processes share one Slack pace: the budget lives in Redis, so two processes post at
// the channel's rate, not twice it.
import { type ChildProcess, fork } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, processEnv } from '../helpers/harness.js';
import { cardCalls, HANDOFF_PACE, type PacingKit, rejected, startPacingKit } from './pacing-kit.js';

let kit: PacingKit;
const children: ChildProcess[] = [];

function startWorker(): Promise<ChildProcess> {
  const child = fork('test/helpers/worker-process.ts', {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      ...processEnv(kit.h),
      HANDOFF_TEST_TUNING: JSON.stringify({ lockDurationMs: 4000, backoffBaseMs: 100 }),
    },
    stdio: 'ignore',
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

beforeAll(async () => {
  kit = await startPacingKit({ role: 'web' });
  await Promise.all([startWorker(), startWorker()]);
}, 60_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await kit?.stop();
});

describe('two worker processes', () => {
  it('post at the one shared pace, not each at its own', async () => {
    const { slack } = kit;
    const perSecond = Number(HANDOFF_PACE.SLACK_POSTS_PER_SECOND);
    const bodies = Array.from({ length: 12 }, () => kit.escalation('plain'));
    expect(await Promise.all(bodies.map((b) => kit.deliver(b)))).toEqual(bodies.map(() => true));
    await eventually(() => bodies.every((b) => kit.cards(b.data.conversation_id).length > 0), 60_000, 100);
    for (const b of bodies) expect(kit.cards(b.data.conversation_id)).toHaveLength(1);

    const posts = cardCalls(slack.calls)
      .filter((c) => c.method === 'chat.postMessage')
      .map((c) => c.at.getTime());
    // In any one second: at most the burst (3), a second's worth at the pace, and one for the
    // jitter of a busy machine. Two unshared paces would allow twice the burst and the rate.
    const busiest = Math.max(...posts.map((t) => posts.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(3 + perSecond + 1);
    expect((posts.at(-1) ?? 0) - (posts[0] ?? 0)).toBeGreaterThanOrEqual(((bodies.length - 3) / perSecond) * 0.9 * 1000);
    expect(rejected(slack.calls)).toBeLessThanOrEqual(2);
  }, 120_000);
});
