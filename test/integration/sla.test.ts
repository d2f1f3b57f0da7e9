// Service levels end to end, with deadlines of a few seconds: the real server, workers and
// queues on PostgreSQL and Redis, Slack and Oscar Chat as local fakes. Runs on a database of its
// own: every worker start reschedules the open escalations of its database by its own settings.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dropDatabase, migrateDeploy } from '../../scripts/migrate/index.js';
import { buildContainer, type Running, start, type Tuning } from '../../src/container.js';
import { createDb, type Db, type Escalation } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { loadReportRows } from '../../src/reports/load.js';
import { computeWeeklyMetrics } from '../../src/reports/metrics.js';
import { isoWeekOf } from '../../src/reports/week.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../../src/slack/ids.js';
import { type OscarFake, startOscarFake } from '../fakes/oscar.js';
import { slashCommand, textOf } from './commands-helpers.js';
import { ESCALATION_CHANNEL, eventually, forkWorker, type Harness, SIGNING_SECRET, startHarness } from '../helpers/harness.js';
import { blockActionPayload, interactionRequest } from '../helpers/slack-requests.js';

const url = inject('databaseUrl').replace(/\/[^/]*$/, `/handoff_test_sla_${randomBytes(4).toString('hex')}`);
const BOSSES = ['U0BOSS1', 'U0BOSS2'];
const BUDGET_MS = 2400; // SLA_CLAIM_MINUTES=0.04
const SLA_ENV = {
  SLA_CLAIM_MINUTES: '0.04',
  SLA_URGENT_CLAIM_MINUTES: '0.04',
  SLA_FIRST_REPLY_MINUTES: '0.08',
  SLA_ESCALATION_USERS: BOSSES.join(','),
  SLACK_AGENT_USERGROUP: 'S0AGENTS',
};
const TUNING: Tuning = { sla: true, slaWindowMs: 1000, slaLeaseMs: 1500, lockDurationMs: 1000, backoffBaseMs: 50 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let db: Db;
let oscar: OscarFake;
let seq = 0;

beforeAll(async () => {
  await migrateDeploy({ databaseUrl: url, log: () => {} });
  db = createDb(url);
  oscar = await startOscarFake({ apiKey: 'oscar-test-key', workspaceId: 'ws_test' });
});

afterAll(async () => {
  await db?.$disconnect();
  await oscar?.close();
  await dropDatabase(url);
});

async function harness(role: 'all' | 'web' = 'all', env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness({ role, env: { DATABASE_URL: url, OSCAR_API_URL: oscar.url, ...SLA_ENV, ...env }, tuning: TUNING });
  // The agents (who may act): the members of SLACK_AGENT_USERGROUP.
  h.slack.membership.setGroupMembers(SLA_ENV.SLACK_AGENT_USERGROUP, ['U0JANE', 'U0KIM', 'U0AGENT01']);
  return h;
}

function worker(h: Harness, tuning: Tuning = {}): Promise<Running> {
  return start(buildContainer(h.config, { ...TUNING, ...tuning, logger: createLogger('silent') }), 'worker');
}

/** A bot.escalated for a new conversation, sent now; resolves with the stored row once its card is posted. */
async function escalate(h: Harness, createdAt = new Date(), fields: { name?: string; message?: string; regular?: boolean } = {}): Promise<Escalation> {
  seq += 1;
  const conversationId = `conv_sla_${Date.now()}_${seq}`;
  const body = h.sample('oscarchat', 'bot.escalated') as {
    id: string;
    created_at: string;
    data: { conversation_id: string; contact: { name: string; custom_attributes?: unknown }; last_message: string; reason?: string };
  };
  body.id = `evt_sla_${Date.now()}_${seq}`;
  body.created_at = createdAt.toISOString();
  body.data.conversation_id = conversationId;
  if (fields.name) body.data.contact.name = fields.name;
  if (fields.regular) delete body.data.contact.custom_attributes; // not VIP
  if (fields.message) {
    body.data.last_message = fields.message;
    body.data.reason = 'customer_requested_human';
  }
  expect((await h.webhook('oscarchat', body)).status).toBe(202);
  return eventually(() => db.escalation.findFirst({ where: { conversationId, slackTs: { not: null } } }), 20_000);
}

function click(h: Harness, user: string, esc: Escalation, action: 'claim' | 'resolve' | 'reopen') {
  const payload = blockActionPayload({
    userId: user,
    channel: ESCALATION_CHANNEL,
    messageTs: esc.slackTs as string,
    action: { action_id: ActionId[action], block_id: blockIdWithEscalation(BlockId.actions, esc.id), type: 'button', value: esc.id },
    responseUrl: h.slack.responseUrl(),
  });
  return h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload));
}

const reminders = (h: Harness, esc: Escalation) =>
  h.slack.threadReplies(ESCALATION_CHANNEL, esc.slackTs as string).filter((m) => m.text?.includes('Unclaimed for'));
/** DMs to a user that link to this escalation's card. */
const dmsAbout = (h: Harness, user: string, esc: Escalation) =>
  h.slack.channelMessages(`D${user.slice(1)}`).filter((m) => m.text?.includes(`p${(esc.slackTs as string).replace('.', '')}`));
const cardText = (h: Harness, esc: Escalation) => JSON.stringify(h.slack.message(ESCALATION_CHANNEL, esc.slackTs as string)?.blocks);

describe('claim reminders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h?.stop());

  it('an unclaimed escalation gets one thread reminder, an overdue card and one DM per escalation user', async () => {
    const esc = await escalate(h);
    const [reply] = await eventually(() => reminders(h, esc).length > 0 && reminders(h, esc), 20_000);
    expect(reply?.text).toContain('Unclaimed for 0.04 min');
    expect(reply?.text).toContain('<!subteam^S0AGENTS>');
    await eventually(() => BOSSES.every((u) => dmsAbout(h, u, esc).length === 1), 15_000);
    expect(dmsAbout(h, 'U0BOSS1', esc)[0]?.text).toContain(`https://fake-workspace.slack.com/archives/${ESCALATION_CHANNEL}/p`);
    expect(cardText(h, esc)).toContain('*Overdue* by');
    const row = await eventually(() => db.slaReminder.findFirst({ where: { escalationId: esc.id, status: 'sent' } }));
    expect(row).toMatchObject({ kind: 'claim', status: 'sent', mode: 'individual', dmSent: BOSSES });

    await sleep(2000); // nothing more comes
    expect(reminders(h, esc)).toHaveLength(1);
    for (const u of BOSSES) expect(dmsAbout(h, u, esc)).toHaveLength(1);
  }, 60_000);

  it('one claimed before its deadline gets none', async () => {
    const esc = await escalate(h, new Date(Date.now() + 3000)); // a slow machine still claims in time
    expect((await click(h, 'U0JANE', esc, 'claim')).status).toBe(200);
    await eventually(() => db.escalation.findFirst({ where: { id: esc.id, claimedBySlackId: 'U0JANE' } }));
    await sleep(BUDGET_MS + 5000);
    expect(reminders(h, esc)).toHaveLength(0);
    for (const u of BOSSES) expect(dmsAbout(h, u, esc)).toHaveLength(0);
    expect(await db.slaReminder.count({ where: { escalationId: esc.id, kind: 'claim' } })).toBe(0);
    expect(cardText(h, esc)).not.toMatch(/Overdue|claim due/);
  }, 60_000);

  it('a reopened escalation starts a new clock and is reminded again', async () => {
    const esc = await escalate(h);
    await eventually(() => reminders(h, esc).length === 1, 20_000);
    await click(h, 'U0JANE', esc, 'resolve');
    await eventually(() => db.escalation.findFirst({ where: { id: esc.id, status: 'resolved' } }));
    await click(h, 'U0JANE', esc, 'reopen');
    await eventually(() => db.escalation.findFirst({ where: { id: esc.id, status: 'open' } }));
    await eventually(() => reminders(h, esc).length === 2, 20_000);
    const rows = await db.slaReminder.findMany({ where: { escalationId: esc.id, kind: 'claim' }, orderBy: { dueAt: 'asc' } });
    expect(rows).toHaveLength(2);
    expect((rows[1]?.dueAt.getTime() ?? 0) - (rows[0]?.dueAt.getTime() ?? 0)).toBeGreaterThanOrEqual(BUDGET_MS);
  }, 60_000);

  it('the owner gets one DM when the customer has no reply in time, none after an agent replied', async () => {
    const silent = await escalate(h);
    const answered = await escalate(h);
    await click(h, 'U0KIM', silent, 'claim');
    await click(h, 'U0KIM', answered, 'claim');
    await eventually(async () => (await db.escalation.count({ where: { id: { in: [silent.id, answered.id] }, claimedBySlackId: 'U0KIM' } })) === 2);
    // Oscar reports an agent's reply on the answered one.
    const reply = h.sample('oscarchat', 'message.created') as {
      id: string;
      created_at: string;
      data: { conversation_id: string; message: { message_type: string; content: string } };
    };
    reply.id = `evt_sla_reply_${Date.now()}`;
    reply.created_at = new Date().toISOString();
    reply.data.conversation_id = answered.conversationId;
    reply.data.message.message_type = 'outgoing';
    reply.data.message.content = 'Hi Maria, looking into it now.';
    expect((await h.webhook('oscarchat', reply)).status).toBe(202);
    await eventually(() => db.escalation.findFirst({ where: { id: answered.id, firstAgentReplyAt: { not: null } } }));

    await eventually(() => dmsAbout(h, 'U0KIM', silent).length === 1, 20_000);
    expect(dmsAbout(h, 'U0KIM', silent)[0]?.text).toContain('No reply to the customer yet');
    await sleep(2500);
    expect(dmsAbout(h, 'U0KIM', silent)).toHaveLength(1);
    expect(dmsAbout(h, 'U0KIM', answered)).toHaveLength(0);
  }, 60_000);

  it('the weekly report counts as breaches exactly the escalations that were reminded', async () => {
    // Sent with a clock a few seconds ahead, so a slow test machine still claims it in time.
    const inTime = await escalate(h, new Date(Date.now() + 4000));
    await click(h, 'U0JANE', inTime, 'claim');
    await eventually(() => db.escalation.findFirst({ where: { id: inTime.id, claimedBySlackId: 'U0JANE' } }));
    const [late, never] = await Promise.all([escalate(h), escalate(h)]);
    await eventually(() => reminders(h, late).length === 1 && reminders(h, never).length === 1, 20_000);
    await click(h, 'U0JANE', late, 'claim');
    await eventually(() => db.escalation.findFirst({ where: { id: late.id, claimedBySlackId: 'U0JANE' } }));

    const ids = new Set([inTime.id, late.id, never.id]);
    const week = isoWeekOf(new Date(), h.config.report.timezone);
    const rows = await loadReportRows(h.running.container.pool, week, h.config.report.timezone);
    const metrics = computeWeeklyMetrics({
      week,
      timezone: h.config.report.timezone,
      slaClaimMinutes: h.config.slaClaimMinutes,
      sla: h.config.sla,
      escalations: rows.escalations.filter((e) => ids.has(e.id)),
      audit: rows.audit.filter((a) => ids.has(a.escalationId)),
    });
    const reminded = await eventually(async () => {
      const sent = await db.slaReminder.findMany({ where: { escalationId: { in: [...ids] }, kind: 'claim', status: 'sent' } });
      return sent.length === 2 && sent;
    });
    expect(metrics.total).toBe(3);
    expect(metrics.slaBreaches).toBe(reminded.length);
    expect(metrics.slaBreakdown).toEqual({ claimedLate: 1, unclaimedOverdue: 1 });
    expect(reminded.map((r) => r.escalationId).sort()).toEqual([late.id, never.id].sort());
  }, 60_000);
});

describe('exactly once', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  it('two worker processes still send one reminder', async () => {
    const h = await harness('web');
    try {
      children.push(await forkWorker(h, TUNING), await forkWorker(h, TUNING));
      const esc = await escalate(h);
      await eventually(() => reminders(h, esc).length === 1, 20_000);
      await eventually(() => BOSSES.every((u) => dmsAbout(h, u, esc).length === 1), 15_000);
      await sleep(2500);
      expect(reminders(h, esc)).toHaveLength(1);
      for (const u of BOSSES) expect(dmsAbout(h, u, esc)).toHaveLength(1);
    } finally {
      for (const c of children.splice(0)) c.kill('SIGKILL');
      await h.stop();
    }
  }, 120_000);

  it('a worker killed between posting the reminder and recording it: still one after a restart', async () => {
    const h = await harness('web');
    try {
      const child = await forkWorker(h, TUNING);
      children.push(child);
      const esc = await escalate(h);
      // Slack keeps the thread reply but its answer is held back: the worker dies not knowing it posted.
      h.slack.delayNext('chat.postMessage', 20_000);
      await eventually(() => reminders(h, esc).length === 1, 20_000);
      child.kill('SIGKILL');

      const restarted = await worker(h);
      try {
        await eventually(() => db.slaReminder.findFirst({ where: { escalationId: esc.id, status: 'sent' } }), 15_000, 100);
        for (const u of BOSSES) expect(dmsAbout(h, u, esc)).toHaveLength(1);
        expect(reminders(h, esc)).toHaveLength(1);
        expect(h.slack.callsOf('conversations.replies').length).toBeGreaterThan(0); // it looked before posting
      } finally {
        await restarted.stop();
      }
    } finally {
      await h.stop();
    }
  }, 120_000);
});

describe('after an outage', () => {
  it('many reminders due at once become one summary in the channel', async () => {
    // A longer budget here: all five cards must be posted (and the first worker stopped) before
    // the first deadline passes, or that one is reminded on its own before the "outage".
    const budgetMs = 6000;
    // This file's database still holds earlier tests' open escalations and pending reminders; the
    // outage is about these five only, so the others are settled first.
    await db.escalation.updateMany({ where: { status: 'open' }, data: { status: 'resolved', claimDueAt: null } });
    await db.slaReminder.updateMany({ where: { status: { in: ['pending', 'sending'] } }, data: { status: 'skipped' } });
    const h = await harness('web', { SLA_CLAIM_MINUTES: '0.1', SLA_URGENT_CLAIM_MINUTES: '0.1' });
    try {
      const first = await worker(h);
      const escs = await Promise.all([1, 2, 3, 4, 5].map(() => escalate(h)));
      await first.stop(); // the workers are down while the deadlines pass
      await sleep(budgetMs + 500);
      // A window wide enough that all five due jobs land in it even on a loaded machine.
      const again = await worker(h, { slaWindowMs: 4000 });
      try {
        const summaries = () =>
          h.slack.channelMessages(ESCALATION_CHANNEL).filter((m) => !m.thread_ts && m.text?.includes('unclaimed past their claim deadline'));
        const [summary] = await eventually(() => summaries().length > 0 && summaries(), 15_000);
        expect(summary?.text).toContain('*5 escalations are unclaimed past their claim deadline* <!subteam^S0AGENTS>');
        for (const esc of escs) expect(summary?.text).toContain(`p${(esc.slackTs as string).replace('.', '')}`);
        await eventually(() => escs.every((esc) => cardText(h, esc).includes('*Overdue* by')), 20_000);
        // One DM per escalation user, pointing at the summary.
        await eventually(() => BOSSES.every((u) => h.slack.channelMessages(`D${u.slice(1)}`).length === 1), 15_000);
        await sleep(1500);
        expect(summaries()).toHaveLength(1);
        for (const esc of escs) expect(reminders(h, esc)).toHaveLength(0);
        const rows = await db.slaReminder.findMany({ where: { escalationId: { in: escs.map((e) => e.id) } } });
        expect(rows.map((r) => `${r.status}/${r.mode}`)).toEqual(Array(5).fill('sent/summary'));
      } finally {
        await again.stop();
      }
    } finally {
      await h.stop();
    }
  }, 120_000);
});

describe('the queue views', () => {
  it('/escalations lists overdue first, with each due time, although another one waits longer', async () => {
    // A long budget for normal escalations, a short one for urgent ones.
    const h = await harness('all', { SLA_CLAIM_MINUTES: '30', SLA_URGENT_CLAIM_MINUTES: '0.04' });
    try {
      const run = Date.now().toString(36);
      const older = await escalate(h, new Date(Date.now() - 60_000), { name: `Olga ${run}`, message: 'Where is my parcel?', regular: true });
      const urgent = await escalate(h, new Date(), { name: `Uwe ${run}` });
      expect(older).toMatchObject({ vip: false });
      expect(older.priority).not.toBe('urgent');
      expect(urgent.priority).toBe('urgent');
      await eventually(() => reminders(h, urgent).length === 1, 20_000);

      const cmd = await slashCommand(h, '/escalations', 'unclaimed');
      const [res] = await h.slack.waitForResponses(cmd.responseId, 1, 20_000);
      const text = textOf((res?.body as { blocks?: unknown[] } | undefined)?.blocks);
      expect(text.indexOf(`Uwe ${run}`)).toBeGreaterThan(-1);
      expect(text.indexOf(`Uwe ${run}`)).toBeLessThan(text.indexOf(`Olga ${run}`));
      expect(text).toMatch(/\*Overdue\* by \d+s/);
      const due = await db.escalation.findUniqueOrThrow({ where: { id: older.id } });
      expect(text).toContain(`claim due <!date^${Math.floor((due.claimDueAt as Date).getTime() / 1000)}^`);
    } finally {
      await h.stop();
    }
  }, 120_000);
});
