// The platform side of the actions: Oscar down then up, failures after retries, Oscar's own
// webhooks updating the card, and handoff's own changes not echoing back as new ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Escalation } from '../../src/db/client.js';
import { eventually } from '../helpers/harness.js';
import { type Kit, settle, startKit, USERS } from './actions-kit.js';

let k: Kit;
let seq = 0;

beforeAll(async () => {
  // A short backoff so "retries exhausted" takes seconds, not minutes.
  k = await startKit({ backoffBaseMs: 5 });
});

afterAll(async () => {
  await k?.stop();
});

/** An Oscar webhook for the escalation's conversation, waited for until processed. */
async function oscarEvent(esc: Escalation, type: string, data: Record<string, unknown>): Promise<void> {
  seq += 1;
  const body = k.h.sample('oscarchat', type) as { id: string; created_at: string; data: Record<string, unknown> };
  body.id = `evt_sync_${Date.now()}_${seq}`;
  body.created_at = new Date().toISOString();
  body.data = { ...body.data, conversation_id: esc.conversationId, ...data };
  expect((await k.h.webhook('oscarchat', body)).status).toBe(202);
  await eventually(() => k.db.webhookDelivery.findFirst({ where: { deliveryKey: `id:${body.id}`, status: 'processed' } }));
}

const assignee = (id: string, name: string) => ({ assignee: { id, name, email: `${id}@keller-home.example` } });

describe('when Oscar fails', () => {
  it('Oscar down then up: the claim shows pending, then completes exactly once', async () => {
    const esc = await k.escalate();
    k.oscar.down('reset');
    try {
      await k.click(USERS.jane.id, esc, 'claim');
      await eventually(() => k.updates(esc) >= 1 && k.cardText(esc).includes('Oscar Chat sync pending'));
      expect((await k.row(esc)).claimedBySlackId).toBe('U0JANE');
      await settle(300); // a few retries meet the outage
    } finally {
      k.oscar.up();
    }
    await eventually(() => k.cardText(esc).includes('In sync with Oscar Chat'), 15_000);
    await settle(200);
    expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_jane' }]);
    expect(k.oscarCalls(esc, 'messages')).toHaveLength(1);
    expect(k.thread(esc)).toEqual([
      expect.stringContaining('<@U0JANE> claimed this'),
      expect.stringContaining('Claim now synced to Oscar Chat'),
    ]);
    expect(await k.db.auditEntry.findMany({ where: { escalationId: esc.id, source: 'slack' } })).toMatchObject([
      { action: 'claimed', outcome: 'ok' },
    ]);
  });

  it('a slow Oscar and a failing card update: the retried job does not repeat the platform calls', async () => {
    const esc = await k.escalate();
    // Slower than the inline head start (2 s), so the card is published while Oscar still works;
    // that publish fails once, and the job is retried while the assign is in flight.
    k.oscar.slow(1200);
    k.h.slack.failNext('chat.update', 'internal_error');
    try {
      await k.click(USERS.jane.id, esc, 'claim');
      await eventually(() => k.cardText(esc).includes('In sync with Oscar Chat'), 15_000);
      await settle(3000); // room for a second (wrong) sync to reach Oscar
    } finally {
      k.oscar.slow(0);
    }
    expect(k.h.slack.callsOf('chat.update').some((c) => !c.ok)).toBe(true);
    expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_jane' }]);
    expect(k.oscarCalls(esc, 'messages')).toHaveLength(1);
    expect(await k.db.auditEntry.findMany({ where: { escalationId: esc.id, source: 'slack' } })).toMatchObject([
      { action: 'claimed', outcome: 'ok' },
    ]);
  }, 30_000);

  it('a refused call fails at once: the card says so and the clicker hears why', async () => {
    const esc = await k.escalate();
    await k.db.agentLink.create({ data: { slackUserId: USERS.kim.id, platform: 'oscarchat', agentId: 'ag_ghost' } });
    try {
      await k.click(USERS.kim.id, esc, 'claim');
      const msg = await eventually(() => k.h.slack.ephemerals.find((e) => e.user === USERS.kim.id));
      expect(msg.text).toMatch(/^Couldn't claim on Oscar Chat: .*422: Assignee not found\. The change is kept in handoff/);
      await eventually(() => k.thread(esc).length === 2);
      expect(k.cardText(esc)).toContain('Oscar Chat sync failed: claim: ');
      expect(k.cardText(esc)).toContain('Assignee not found');
      expect(k.updates(esc)).toBe(1);
      expect(k.thread(esc)[1]).toContain("Couldn't claim on Oscar Chat");
      expect(await k.row(esc)).toMatchObject({ claimedBySlackId: 'U0KIM', platformSyncState: 'failed', platformAgentId: null });
      const [audit] = await k.db.auditEntry.findMany({ where: { escalationId: esc.id, source: 'slack' } });
      expect(audit).toMatchObject({ action: 'claimed', outcome: 'failed' });
    } finally {
      await k.db.agentLink.deleteMany({ where: { slackUserId: USERS.kim.id } });
    }
  });

  it('retries exhausted: the resolve is shown as failed on the collapsed card', async () => {
    const esc = await k.escalate();
    k.oscar.failNext(1000, 429);
    try {
      await k.click(USERS.bob.id, esc, 'resolve');
      const msg = await eventually(() => k.h.slack.ephemerals.find((e) => e.user === USERS.bob.id), 20_000);
      expect(msg.text).toContain("Couldn't resolve on Oscar Chat");
      expect(msg.text).toContain('429');
    } finally {
      k.oscar.failNext(0, 200);
    }
    await eventually(() => k.cardText(esc).includes('Oscar Chat sync failed: resolve: '));
    expect(k.cardText(esc)).toContain('Resolved');
    // Dead-lettered for `handoff dlq retry` (BullMQ moves it once the handler has thrown).
    await eventually(async () =>
      (await k.h.running.container.producer.queues.actions.getFailed()).some(
        (j) => j.name === 'platform.sync' && (j.data as { escalationId: string }).escalationId === esc.id,
      ),
    );
    expect((await k.db.auditEntry.findFirstOrThrow({ where: { escalationId: esc.id, action: 'resolved' } })).outcome).toBe(
      'failed',
    );
  }, 30_000);
});

describe('changes made on Oscar', () => {
  it('an assignment made on Oscar updates the card; echoes of our own assignments do not, even late', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'claim');
    await eventually(() => k.updates(esc) === 1 && k.oscarCalls(esc, 'messages').length === 1);
    await k.click(USERS.jane.id, esc, 'assign', { assignee: USERS.kim.id });
    await eventually(() => k.updates(esc) === 2 && k.oscarCalls(esc, 'messages').length === 2 && k.thread(esc).length === 2);
    const threadBefore = k.thread(esc).length;

    await oscarEvent(esc, 'conversation.assigned', assignee('ag_jane', 'Jane D.')); // late echo of the claim
    await oscarEvent(esc, 'conversation.assigned', assignee('ag_kim', 'Kim L.'));
    await settle(150);
    expect(k.updates(esc)).toBe(2);
    expect(k.thread(esc)).toHaveLength(threadBefore);
    expect((await k.row(esc)).platformAgentId).toBe('ag_kim');

    await oscarEvent(esc, 'conversation.assigned', assignee('ag_jonas', 'Jonas Brandt'));
    await eventually(() => k.updates(esc) === 3);
    expect(k.cardText(esc)).toContain('Assigned to Jonas Brandt');
    expect(k.thread(esc).at(-1)).toContain('Assigned on Oscar Chat to Jonas Brandt');
  });

  it('resolved on Oscar collapses the card; a customer message reopens it', async () => {
    const esc = await k.escalate();
    await oscarEvent(esc, 'conversation.resolved', {
      resolved_by: { id: 'ag_jonas', name: 'Jonas Brandt' },
      resolved_at: new Date().toISOString(),
    });
    await eventually(() => k.updates(esc) === 1);
    expect(k.cardText(esc)).toContain('Resolved* by Jonas Brandt');

    await oscarEvent(esc, 'message.created', {
      contact: { id: 'ct_1', name: 'Maria Keller', email: 'maria.keller@example.com' },
      message: { content: 'It is still not here', message_type: 'incoming', private: false },
    });
    await eventually(() => k.updates(esc) === 2);
    expect(k.cardText(esc)).toContain('handoff_claim');
    expect(k.thread(esc).at(-1)).toContain('Reopened: the customer wrote again');
    expect((await k.row(esc)).status).toBe('open');
  });

  it('our own resolve and our own notes do not come back as changes', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'resolve');
    await eventually(() => k.updates(esc) === 1 && k.oscarCalls(esc, 'toggle_status').length === 1);
    await k.click(USERS.jane.id, esc, 'reopen'); // the resolve's echo arrives after this reopen
    await eventually(() => k.updates(esc) === 2 && k.oscarCalls(esc, 'toggle_status').length === 2 && k.thread(esc).length === 2);
    const threadBefore = k.thread(esc).length;

    await oscarEvent(esc, 'conversation.resolved', {
      resolved_by: { id: 'ag_jane', name: 'Jane D.' },
      resolved_at: new Date().toISOString(),
    });
    await oscarEvent(esc, 'message.created', {
      message: { content: 'Reopened in Slack by Jane Doe', message_type: 'activity', private: true },
    });
    await settle(150);
    expect(k.updates(esc)).toBe(2);
    expect(k.thread(esc)).toHaveLength(threadBefore);
    expect((await k.row(esc)).status).toBe('open');
  });
});

describe('when the queue is unreachable', () => {
  it('still acks, and tells the clicker through the response_url that nothing happened', async () => {
    const esc = await k.escalate();
    const redis = k.h.running.container.producerRedis;
    redis.disconnect();
    try {
      const responseUrl = k.h.slack.responseUrl('redis-down');
      const res = await k.click(USERS.jane.id, esc, 'claim', { responseUrl });
      expect(res.status).toBe(200);
      const [reply] = await k.h.slack.waitForResponses('redis-down');
      expect(reply?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(reply?.body.text)).toContain("didn't go through");
    } finally {
      // ioredis may already be reconnecting on its own; only a closed connection needs connect().
      if (redis.status === 'end') await redis.connect();
      await eventually(() => redis.status === 'ready');
    }
    await settle(200);
    expect((await k.row(esc)).claimedBySlackId).toBeNull();
  });
});
