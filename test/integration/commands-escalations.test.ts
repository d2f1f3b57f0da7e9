// /escalations end to end: Slack-signed commands, rows in the real PostgreSQL, an immediate ack and
// the list answered at the response_url by a queued job, and its Claim button going through the same 'slack.action' job as the card's Claim.
// Other test files share the database, so this one's rows are dated 2001 (older than anything
// else they create) and assertions look at these rows only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsFeature } from '../../src/features/actions.js';
import { jobIdFor, requestKeyOf } from '../../src/actions/keys.js';
import type { Db, Escalation } from '../../src/db/client.js';
import { ActionId } from '../../src/slack/ids.js';
import { expectValidBlocks } from '../helpers/blockkit.js';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { type CommandResult, clickEphemeral, elementsWith, slashCommand, textOf } from './commands-helpers.js';

let h: Harness;
let db: Db;
const run = randomUUID().slice(0, 8);
const ME = 'U0MINE0001';
const OTHER = 'U0OTHER001';
const rows: Record<string, Escalation> = {};

async function seed(key: string, day: number, fields: Partial<Escalation>): Promise<void> {
  rows[key] = await db.escalation.create({
    data: {
      platform: 'oscarchat',
      conversationId: `cmd-esc-${run}-${key}`,
      firstEscalatedAt: new Date(Date.UTC(2001, 0, day, 9)),
      customerName: `${key} ${run}`,
      reason: `reason of ${key}`,
      ...fields,
    } as Parameters<Db['escalation']['create']>[0]['data'],
  });
}

beforeAll(async () => {
  h = await startHarness();
  db = testDb();
  h.slack.addUser({ id: ME, name: 'mina', real_name: 'Mina Agent', email: 'mina@example.com' });
  await seed('Ada', 1, { priority: 'urgent', vip: true });
  await seed('Bob', 2, { status: 'claimed', claimedBySlackId: ME, claimedAt: new Date(Date.UTC(2001, 0, 2, 10)) });
  await seed('Cleo', 3, { priority: 'high', assigneeSlackId: ME, assigneeName: 'Mina Agent', status: 'claimed' });
  await seed('Dan', 4, { status: 'resolved', resolvedAt: new Date(Date.UTC(2001, 0, 5)) });
  await seed('Eve', 5, { status: 'claimed', claimedBySlackId: OTHER, claimedAt: new Date(Date.UTC(2001, 0, 5, 10)) });
});

afterAll(async () => {
  await h?.stop();
  await db?.$disconnect();
});

/** The command's answer: the ack is empty, the list arrives at the response_url. */
async function answer(cmd: CommandResult): Promise<{ response_type?: string; text?: string; blocks?: unknown[] }> {
  const [res] = await h.slack.waitForResponses(cmd.responseId, 1, 10_000);
  return res!.body as { response_type?: string; blocks?: unknown[] };
}

async function list(filter: string, user = ME) {
  return answer(await slashCommand(h, '/escalations', filter, user));
}

/** This file's rows in the order the answer lists them. */
function listed(blocks: unknown): string[] {
  const text = textOf(blocks);
  return Object.keys(rows)
    .filter((k) => text.includes(`${k} ${run}`))
    .sort((a, b) => text.indexOf(`${a} ${run}`) - text.indexOf(`${b} ${run}`));
}

describe('/escalations', () => {
  it('acks at once and answers at the response_url with the open queue, oldest first, with age, priority and customer', async () => {
    const cmd = await slashCommand(h, '/escalations', '', ME);
    expect(cmd.status).toBe(200);
    expect(cmd.ackMs).toBeLessThan(3000);
    expect(cmd.ack).toEqual({}); // nothing read before the ack
    const res = await answer(cmd);
    expect(res.response_type).toBe('ephemeral');
    expectValidBlocks(res.blocks);
    expect(listed(res.blocks)).toEqual(['Ada', 'Bob', 'Cleo', 'Eve']);
    const text = textOf(res.blocks);
    expect(text).toContain('🔴 *Urgent*');
    expect(text).toContain('⭐ VIP');
    expect(text).toContain('Oscar Chat');
    expect(text).toMatch(/waiting \*\d+d \d+h\*/);
    expect(text).toContain(`Claimed by <@${ME}>`);
    expect(text).toContain('/escalations [mine|unclaimed|all]'); // no argument: usage shown too
    // Claim buttons on unclaimed rows only.
    const claims = elementsWith(res.blocks, ActionId.escalationsClaim).map((e) => e.value);
    expect(claims).toContain(rows.Ada!.id);
    for (const k of ['Bob', 'Cleo', 'Dan', 'Eve']) expect(claims).not.toContain(rows[k]!.id);
  });

  it('filters: mine, unclaimed, all', async () => {
    const mine = await list('mine');
    expect(listed(mine.blocks)).toEqual(['Bob', 'Cleo']);
    expect(textOf(mine.blocks)).toContain('Your open escalations');
    const unclaimed = await list(' Unclaimed ');
    expect(listed(unclaimed.blocks)).toEqual(['Ada']);
    const all = await list('all');
    expect(listed(all.blocks)).toEqual(['Ada', 'Bob', 'Cleo', 'Eve']);
    expect(textOf(all.blocks)).not.toContain('[mine|unclaimed|all]');
    const nobody = await list('mine', 'U0NOBODY01');
    expect(textOf(nobody.blocks)).toContain('You have no open escalations');
  });

  it('prints usage for a bad argument', async () => {
    const cmd = await slashCommand(h, '/escalations', 'everything <!channel>', ME);
    expect(cmd.ack.response_type).toBe('ephemeral');
    expectValidBlocks(cmd.ack.blocks);
    const text = textOf(cmd.ack.blocks);
    expect(text).toContain('/escalations [mine|unclaimed|all]');
    expect(text).toContain('is not one of mine, unclaimed, all');
    expect(text).not.toContain('<!channel>');
  });

  it("claims through the card's claim job, from the list's button", async () => {
    const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
    body.id = `evt_cmd_claim_${run}`;
    body.data.conversation_id = `conv_cmd_claim_${run}`;
    expect((await h.webhook('oscarchat', body)).status).toBe(202);
    const esc = await eventually(() =>
      db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
    );
    // Oldest in the queue, so it is on the list whatever else the suite has created.
    await db.escalation.update({ where: { id: esc.id }, data: { firstEscalatedAt: new Date(Date.UTC(2000, 5, 1)) } });

    const unclaimed = await list('unclaimed');
    const claim = elementsWith(unclaimed.blocks, ActionId.escalationsClaim).find((e) => e.value === esc.id);
    expect(claim).toBeDefined();

    const click = await clickEphemeral(h, { action_id: ActionId.escalationsClaim, value: claim!.value! }, ME);
    expect(click.status).toBe(200);
    const queue = h.running.container.producer.queues.actions;
    const jobs = await eventually(async () => {
      const all = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
      const found = all.filter((j) => j.name === 'slack.action' && j.data.escalationId === esc.id);
      return found.length > 0 && found;
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toMatchObject({ action: 'claim', escalationId: esc.id, userId: ME, channelId: 'C0SUPPORT1' });
    expect(jobs[0]!.id).toBe(jobIdFor('act', jobs[0]!.data.requestKey));
    expect(jobs[0]!.data.requestKey).toBe(requestKeyOf(jobs[0]!.data.requestKey.split(':')[0], ME, ActionId.escalationsClaim));
  });

  // The claim job's handler belongs to the actions feature: while it has none, only the enqueue above is checked.
  it.skipIf(!actionsFeature.jobs)('the claim lands: the row is claimed and the card re-rendered', async () => {
    const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
    body.id = `evt_cmd_claim2_${run}`;
    body.data.conversation_id = `conv_cmd_claim2_${run}`;
    await h.webhook('oscarchat', body);
    const esc = await eventually(() =>
      db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
    );
    const click = await clickEphemeral(h, { action_id: ActionId.escalationsClaim, value: esc.id }, ME);
    expect(click.status).toBe(200);
    const claimed = await eventually(async () => {
      const row = await db.escalation.findUniqueOrThrow({ where: { id: esc.id } });
      return row.claimedBySlackId === ME && row;
    }, 10_000);
    expect(claimed.status).toBe('claimed');
    await eventually(() => (h.slack.message(ESCALATION_CHANNEL, esc.slackTs!)?.updates ?? 0) >= 1);
  });
});

describe('/escalations with the queue down', () => {
  it('says so in the ack instead of leaving the user without an answer', async () => {
    const web = await startHarness({ role: 'web', env: { REDIS_URL: 'redis://127.0.0.1:9' }, slack: h.slack });
    try {
      const cmd = await slashCommand(web, '/escalations', 'all', ME);
      expect(cmd.status).toBe(200);
      expect(cmd.ack.text).toMatch(/can't queue work right now/);
      expect(cmd.ackMs).toBeLessThan(3000);
    } finally {
      await web.stop();
    }
  });
});
