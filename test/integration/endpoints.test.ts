// /metrics behind METRICS_TOKEN, Slack's 401 without a reason, and logs (handoff's and Bolt's, at
// debug level) that carry neither customer emails nor message bodies.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { eventually, type Harness, startHarness } from '../helpers/harness.js';
import { commandRequest } from '../helpers/slack-requests.js';
import { slashCommand } from './commands-helpers.js';

const TOKEN = 'metrics-test-token-0123456789';
const lines: string[] = [];
let h: Harness;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  h = await startHarness({ env: { METRICS_TOKEN: TOKEN }, tuning: { logger: createLogger('debug', sink) } });
}, 60_000);
afterAll(async () => h?.stop());

describe('/metrics with METRICS_TOKEN', () => {
  it('is 401 without the token or with a wrong one, 200 with it', async () => {
    const none = await fetch(`${h.url}/metrics`);
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain('handoff_');
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('handoff_webhooks_total');
  });
});

describe('Slack requests', () => {
  it('a bad signature is 401 with no explanation in the body; the log has it', async () => {
    const req = commandRequest('not-the-signing-secret', { command: '/order', text: 'x', user_id: 'U0AGENT1', team_id: 'T0TEST' });
    const res = await h.post('/slack/events', req);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    await eventually(() => lines.some((l) => /Request verification failed|signature/i.test(l) && l.includes('"component":"bolt"')));
  });
});

describe('logs', () => {
  it('carry no customer email or message body, from handoff or from Bolt', async () => {
    const body = h.sample('oscarchat', 'bot.escalated') as {
      id: string;
      data: { conversation_id: string; contact: { email: string }; last_message: string };
    };
    body.id = `evt_logs_${Date.now()}`;
    body.data.conversation_id = `conv_logs_${Date.now()}`;
    body.data.contact.email = 'secret.customer@example.test';
    body.data.last_message = 'my card number is in this sentence';
    expect((await h.webhook('oscarchat', body)).status).toBe(202);
    await h.slack.waitFor('chat.postMessage', 1, 10_000);
    await slashCommand(h, '/order', 'other.customer@example.test', 'U0AGENT1');
    await h.slack.waitFor('response_url', 1, 10_000);
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain('"component":"bolt"'); // Bolt logs through pino at debug
    expect(all).not.toContain('secret.customer@example.test');
    expect(all).not.toContain('other.customer@example.test');
    expect(all).not.toContain('my card number');

  });
});
