// Claim, assign, label, resolve/reopen and release from the card, through /slack/events with
// Slack-signed payloads: each makes the right Oscar Chat call and one chat.update, and races,
// retries and double clicks have exactly one effect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { eventually } from '../helpers/harness.js';
import { interactionRequest } from '../helpers/slack-requests.js';
import { type Kit, settle, startKit, USERS } from './actions-kit.js';

let k: Kit;

beforeAll(async () => {
  k = await startKit();
});

afterAll(async () => {
  await k?.stop();
});

describe('claim', () => {
  it('assigns the matching Oscar agent, notes it, and re-renders the card once', async () => {
    const esc = await k.escalate();
    const res = await k.click(USERS.jane.id, esc, 'claim');
    expect(res.status).toBe(200);

    await eventually(() => k.updates(esc) === 1 && k.thread(esc).length === 1);
    expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_jane' }]);
    expect(k.oscarCalls(esc, 'messages').map((c) => c.body)).toEqual([
      { content: 'Claimed in Slack by Jane Doe', message_type: 'activity', private: true },
    ]);
    const text = k.cardText(esc);
    expect(text).toContain('Claimed by <@U0JANE> after');
    expect(text).toContain('In sync with Oscar Chat');
    expect(text).toContain(ActionId.release);
    expect(text).not.toContain(ActionId.claim);
    expect(k.thread(esc)[0]).toContain('<@U0JANE> claimed this');

    const row = await k.row(esc);
    expect(row).toMatchObject({
      claimedBySlackId: 'U0JANE',
      status: 'claimed',
      platformAgentId: 'ag_jane',
      platformSyncState: 'ok',
    });
    const audit = await k.db.auditEntry.findMany({ where: { escalationId: esc.id, source: 'slack' } });
    expect(audit).toMatchObject([{ action: 'claimed', actorSlackId: 'U0JANE', outcome: 'ok' }]);
    await settle(200);
    expect(k.updates(esc)).toBe(1);
  });

  it('lets exactly one of two simultaneous clickers win; the other hears who did', async () => {
    const esc = await k.escalate();
    const [a, b] = await Promise.all([k.click(USERS.jane.id, esc, 'claim'), k.click(USERS.bob.id, esc, 'claim')]);
    expect([a.status, b.status]).toEqual([200, 200]);

    const loserEphemeral = await eventually(() => k.h.slack.ephemerals.find((e) => e.text?.includes('already claimed')));
    await eventually(() => k.updates(esc) === 1 && k.oscarCalls(esc, 'messages').length === 1);
    const row = await k.row(esc);
    const winner = row.claimedBySlackId as string;
    expect([USERS.jane.id, USERS.bob.id]).toContain(winner);
    expect(loserEphemeral.user).toBe(winner === USERS.jane.id ? USERS.bob.id : USERS.jane.id);
    expect(loserEphemeral.text).toBe(`This escalation is already claimed by <@${winner}>.`);
    await settle();
    expect(k.oscarCalls(esc, 'assignments')).toHaveLength(1);
    expect(k.h.slack.ephemerals.filter((e) => e.text?.includes('already claimed'))).toHaveLength(1);
    expect(k.updates(esc)).toBe(1);
    const audit = await k.db.auditEntry.findMany({
      where: { escalationId: esc.id, source: 'slack' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((e) => [e.action, e.outcome]).sort()).toEqual([
      ['claimed', 'ok'],
      ['rejected', 'failed'],
    ]);
  });

  it('gives a Slack retry (X-Slack-Retry-Num) and a double click no second effect', async () => {
    const esc = await k.escalate();
    const first = k.clickRequest(USERS.kim.id, esc, 'claim');
    expect((await k.h.post('/slack/events', first)).status).toBe(200);
    const retry = {
      body: first.body,
      headers: { ...first.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    };
    expect((await k.h.post('/slack/events', retry)).status).toBe(200);
    expect((await k.click(USERS.kim.id, esc, 'claim')).status).toBe(200); // a second click: new action_ts
    await eventually(() => k.updates(esc) === 1);
    await settle();
    expect(k.oscarCalls(esc, 'assignments')).toHaveLength(1);
    expect(k.oscarCalls(esc, 'messages')).toHaveLength(1);
    expect(k.updates(esc)).toBe(1);
    expect(k.thread(esc)).toHaveLength(1);
    expect(k.h.slack.ephemerals.filter((e) => e.user === USERS.kim.id)).toHaveLength(0);
    expect(await k.db.auditEntry.count({ where: { escalationId: esc.id, source: 'slack' } })).toBe(1);
  });

  it('rejects a wrong Slack signature with 401 and does nothing', async () => {
    const esc = await k.escalate();
    const counts = () =>
      k.h.running.container.producer.queues.actions.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const before = await counts();
    const callsBefore = k.h.slack.calls.length;
    const forged = interactionRequest(
      'not-the-signing-secret',
      JSON.parse(new URLSearchParams(k.clickRequest(USERS.jane.id, esc, 'claim').body).get('payload') as string),
    );
    const res = await k.h.post('/slack/events', forged);
    expect(res.status).toBe(401);
    await settle();
    expect(await counts()).toEqual(before);
    expect(k.h.slack.calls.length).toBe(callsBefore);
    expect(k.oscarCalls(esc)).toHaveLength(0);
    expect((await k.row(esc)).claimedBySlackId).toBeNull();
  });

  it('acks before any Slack or Oscar call: the response arrives while Oscar hangs', async () => {
    const esc = await k.escalate();
    const slackCallsBefore = k.h.slack.calls.length;
    k.oscar.down('hang');
    try {
      const started = performance.now();
      const res = await k.click(USERS.bob.id, esc, 'claim');
      const ackMs = performance.now() - started;
      expect(res.status).toBe(200);
      expect(ackMs).toBeLessThan(1000);
      // Nothing had been called on Slack's side when the ack came back...
      const related = k.h.slack.calls.slice(slackCallsBefore).filter((c) => JSON.stringify(c.args).match(/U0BOB|${esc.slackTs}/));
      expect(related).toHaveLength(0);
      // ...and the job is now blocked on Oscar, which the ack never waited for.
      await eventually(() => k.oscar.hangingCount() >= 1);
    } finally {
      k.oscar.up();
    }
    await eventually(() => k.cardText(esc).includes('In sync with Oscar Chat'), 15_000);
    expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_bob' }]);
  });
});

describe('no matching agent', () => {
  it('still claims in handoff; the card says the assignment is missing and the note names the claimer', async () => {
    const esc = await k.escalate();
    await k.click(USERS.nora.id, esc, 'claim');
    await eventually(() => k.updates(esc) === 1 && k.thread(esc).length === 2);
    expect(k.oscarCalls(esc, 'assignments')).toHaveLength(0);
    expect(k.oscarCalls(esc, 'messages').map((c) => (c.body as { content: string }).content)).toEqual([
      'Claimed in Slack by Nora Nomatch (no Oscar Chat agent matches their Slack account, so it is not assigned here)',
    ]);
    const text = k.cardText(esc);
    expect(text).toContain('Claimed by <@U0NORA>');
    expect(text).toContain('Assignment on Oscar Chat missing');
    expect(k.thread(esc)[1]).toContain('No Oscar Chat agent matches <@U0NORA>');
    expect(await k.row(esc)).toMatchObject({ claimedBySlackId: 'U0NORA', platformSyncState: 'missing' });
  });

  it('uses an explicit `agents link` mapping when the email does not match', async () => {
    const esc = await k.escalate();
    await k.db.agentLink.upsert({
      where: { slackUserId_platform: { slackUserId: USERS.nora.id, platform: 'oscarchat' } },
      create: { slackUserId: USERS.nora.id, platform: 'oscarchat', agentId: 'ag_jonas' },
      update: { agentId: 'ag_jonas' },
    });
    try {
      await k.click(USERS.nora.id, esc, 'claim');
      await eventually(() => k.cardText(esc).includes('In sync with Oscar Chat'));
      expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_jonas' }]);
    } finally {
      await k.db.agentLink.deleteMany({ where: { slackUserId: USERS.nora.id } });
    }
  });
});
