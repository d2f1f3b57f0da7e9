// Customer data: the daily retention job erases old raw webhook bodies (a late duplicate is still
// recognised) and old finished jobs, and keeps escalations; `handoff forget <email>` erases every
// copy of one customer's address and personal fields and leaves other customers alone. On a
// scratch database: retention erases by age, and must not touch other test files' deliveries.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_SCHEDULER_ID } from '../../src/privacy/feature.js';
import { retentionMs, runRetention } from '../../src/privacy/retention.js';
import { baseEnv } from '../helpers/env.js';
import { eventually, type Harness, startHarness } from '../helpers/harness.js';
import { type ScratchDb, scratchDatabase } from './report-kit.js';

const run = promisify(execFile);
const DAY = 24 * 3600_000;
let seq = 0;

let scratch: ScratchDb;
let h: Harness;

beforeAll(async () => {
  scratch = await scratchDatabase('privacy');
  h = await startHarness({ env: { DATABASE_URL: scratch.url, RETENTION_DAYS: '30' } });
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await scratch?.drop();
});

function escalationBody(email: string, message: string) {
  seq += 1;
  const body = h.sample('oscarchat', 'bot.escalated') as {
    id: string;
    data: { conversation_id: string; contact: { email: string; name?: string }; last_message: string };
  };
  body.id = `evt_privacy_${Date.now()}_${seq}`;
  body.data.conversation_id = `conv_privacy_${Date.now()}_${seq}`;
  body.data.contact.email = email;
  body.data.last_message = message;
  return body;
}

async function escalate(email: string, message: string) {
  const body = escalationBody(email, message);
  expect((await h.webhook('oscarchat', body)).status).toBe(202);
  const esc = await eventually(() =>
    scratch.db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
  );
  return { body, esc };
}

describe('retention', () => {
  it('is scheduled daily by a job scheduler', async () => {
    const scheduler = await h.running.container.producer.queues.events.getJobScheduler(RETENTION_SCHEDULER_ID);
    expect(scheduler?.pattern).toBe('17 3 * * *');
  });

  it('the job erases raw bodies older than RETENTION_DAYS, keeps escalations, and still recognises a late duplicate', async () => {
    const old = await escalate('old.customer@example.test', 'my parcel never came');
    const recent = await escalate('new.customer@example.test', 'wrong size');
    await scratch.db.webhookDelivery.updateMany({
      where: { deliveryKey: `id:${old.body.id}` },
      data: { receivedAt: new Date(Date.now() - 40 * DAY) },
    });

    await h.running.container.producer.enqueue('retention.run', {});
    const erased = await eventually(async () => {
      const d = await scratch.db.webhookDelivery.findFirst({ where: { deliveryKey: `id:${old.body.id}` } });
      return d && d.body === null ? d : undefined;
    });
    expect(erased.headers).toBeNull();
    expect(erased.status).toBe('processed');
    const kept = await scratch.db.webhookDelivery.findFirstOrThrow({ where: { deliveryKey: `id:${recent.body.id}` } });
    expect(kept.body).toContain('wrong size');
    // Escalations stay, for the reports.
    const esc = await scratch.db.escalation.findUniqueOrThrow({ where: { id: old.esc.id } });
    expect(esc.customerEmail).toBe('old.customer@example.test');

    // The platform retries the old delivery: recognised, no second effect.
    const again = await h.webhook('oscarchat', old.body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await scratch.db.escalation.findUniqueOrThrow({ where: { id: old.esc.id } })).escalationCount).toBe(1);
  });

  it('removes completed and failed jobs older than RETENTION_DAYS', async () => {
    await escalate('jobs.customer@example.test', 'hello');
    const queues = h.running.container.producer.queues;
    expect((await queues.events.getJobCounts('completed')).completed).toBeGreaterThan(0);
    // Nothing is that old yet.
    const now = await runRetention({ db: scratch.db, queues }, retentionMs(30));
    expect(now.jobs.events).toBe(0);
    // With a retention of 0 ms everything finished counts as old (this is a scratch database).
    const later = await runRetention({ db: scratch.db, queues }, 0);
    expect(later.jobs.events).toBeGreaterThan(0);
    expect((await queues.events.getJobCounts('completed')).completed).toBe(0);
  });
});

describe('handoff forget <email>', () => {
  it("erases every copy of one customer's data and leaves others untouched", async () => {
    const bob = 'Bob.Erase@example.test';
    const mine = await escalate(bob, 'I am Bob, refund my order please');
    const other = await escalate('alice@example.test', 'my husband bob.erase@example.test ordered it');
    const untouched = await escalate('carol@example.test', 'where is my order');
    await scratch.db.auditEntry.create({
      data: { escalationId: other.esc.id, action: 'note', source: 'system', detail: { text: `customer wrote ${bob}` } },
    });
    // The conversation mirrored into the thread: Bob's own messages, and a mention of him elsewhere.
    await scratch.db.conversationMessage.createMany({
      data: [
        { escalationId: mine.esc.id, direction: 'in', author: 'customer', text: 'my phone is 555 0100', requestKey: `fm-${mine.esc.id}` },
        { escalationId: other.esc.id, direction: 'out', author: 'note', text: `same as ${bob}?`, requestKey: `fm-${other.esc.id}` },
        { escalationId: untouched.esc.id, direction: 'in', author: 'customer', text: 'hello', requestKey: `fm-${untouched.esc.id}` },
      ],
    });

    const env = baseEnv({ DATABASE_URL: scratch.url });
    const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', 'forget', 'bob.erase@example.test'], {
      env: { ...process.env, ...env },
    });
    expect(stdout).toContain('erased bob.erase@example.test');
    expect(stdout).toContain(`personal fields cleared: 1 (${mine.esc.id})`);
    expect(stdout).toContain(`address removed: 1 (${other.esc.id})`);
    expect(stdout).toMatch(/raw webhook bodies erased: 2/);
    expect(stdout).toMatch(/audit entries scrubbed: 1/);
    expect(stdout).toMatch(/thread messages erased or scrubbed: 2/);

    const row = await scratch.db.escalation.findUniqueOrThrow({ where: { id: mine.esc.id } });
    expect(row).toMatchObject({ customerEmail: null, customerName: null, lastMessage: null, transcript: null, shopify: null });
    expect(row.status).toBe(mine.esc.status); // kept for the reports
    // Nothing in the database mentions the address any more.
    const dump = JSON.stringify([
      await scratch.db.escalation.findMany(),
      await scratch.db.webhookDelivery.findMany(),
      await scratch.db.auditEntry.findMany(),
      await scratch.db.conversationMessage.findMany(),
    ]).toLowerCase();
    expect(dump).not.toContain('555 0100');
    expect(dump).not.toContain('bob.erase@example.test');

    const alice = await scratch.db.escalation.findUniqueOrThrow({ where: { id: other.esc.id } });
    expect(alice.customerEmail).toBe('alice@example.test');
    expect(alice.lastMessage).toBe('my husband [erased] ordered it');
    const carol = await scratch.db.escalation.findUniqueOrThrow({ where: { id: untouched.esc.id } });
    expect(carol).toMatchObject({ customerEmail: 'carol@example.test', lastMessage: 'where is my order' });
    const carolDelivery = await scratch.db.webhookDelivery.findFirstOrThrow({ where: { deliveryKey: `id:${untouched.body.id}` } });
    expect(carolDelivery.body).toContain('carol@example.test');
    expect((await scratch.db.conversationMessage.findUniqueOrThrow({ where: { requestKey: `fm-${untouched.esc.id}` } })).text).toBe('hello');
  }, 30_000);

  it('refuses something that is not an email', async () => {
    const env = baseEnv({ DATABASE_URL: scratch.url });
    const err = await run('npx', ['tsx', 'src/cli/main.ts', 'forget', 'bob'], { env: { ...process.env, ...env } }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('usage: handoff forget <email>');
  }, 30_000);
});
