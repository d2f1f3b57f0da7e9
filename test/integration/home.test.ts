// The App Home tab end to end: a Slack-signed app_home_opened event, the queued publish, the
// view at the fake Slack (which refuses views the Block Kit schema refuses), refreshes when
// escalations change, and this week's figures computed by PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsFeature } from '../../src/features/actions.js';
import { commandsFeature } from '../../src/commands/feature.js';
import { weekFigures } from '../../src/commands/open-escalations.js';
import { buildContainer } from '../../src/container.js';
import type { Db, Escalation } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { ActionId } from '../../src/slack/ids.js';
import { expectValidHomeView } from '../helpers/blockkit.js';
import { testDb } from '../helpers/db.js';
import { eventually, type Harness, startHarness } from '../helpers/harness.js';
import { clickHome, elementsWith, homeOpened, textOf } from './commands-helpers.js';

let h: Harness;
let db: Db;
const run = randomUUID().slice(0, 8);
const VIEWER = 'U0HOMEVIEW';
const BYSTANDER = 'U0HOMEBYST';

beforeAll(async () => {
  h = await startHarness();
  db = testDb();
  h.slack.addUser({ id: VIEWER, name: 'vera', real_name: 'Vera Viewer', email: 'vera@example.com' });
});

afterAll(async () => {
  await h?.stop();
  await db?.$disconnect();
});

const publishesFor = (user: string) => h.slack.callsOf('views.publish').filter((c) => c.ok && c.args.user_id === user);

async function escalate(key: string): Promise<Escalation> {
  const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
  body.id = `evt_home_${run}_${key}`;
  body.data.conversation_id = `conv_home_${run}_${key}`;
  expect((await h.webhook('oscarchat', body)).status).toBe(202);
  return eventually(() =>
    db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
  );
}

describe('App Home', () => {
  it('publishes a valid Home view when the user opens the tab', async () => {
    const mine = await db.escalation.create({
      data: {
        platform: 'oscarchat',
        conversationId: `home-mine-${run}`,
        customerName: `Homer ${run}`,
        priority: 'high',
        status: 'claimed',
        claimedBySlackId: VIEWER,
        claimedAt: new Date(),
        firstEscalatedAt: new Date(Date.UTC(2000, 0, 1)),
      },
    });
    expect(await homeOpened(h, VIEWER)).toBe(200);
    await eventually(() => publishesFor(VIEWER).length >= 1);
    const view = h.slack.homeViews.get(VIEWER);
    expectValidHomeView({ type: 'home', blocks: view?.blocks });
    const text = textOf(view?.blocks);
    expect(text).toContain('Your open escalations* (1)');
    expect(text).toContain(`Homer ${run}`);
    expect(text).toContain('Unclaimed');
    expect(text).toContain('This week');
    expect(text).toContain('Median time to claim');
    expect(text).toContain('Resolved');
    // Its own claimed escalation has no Claim button; unclaimed ones do.
    expect(elementsWith(view?.blocks, ActionId.escalationsClaim).map((e) => e.value)).not.toContain(mine.id);
  });

  it('does nothing for the Messages tab', async () => {
    const user = 'U0MSGTAB01';
    expect(await homeOpened(h, user, 'messages')).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(publishesFor(user)).toHaveLength(0);
  });

  it('refreshes the Home of recent viewers when an escalation changes', async () => {
    await homeOpened(h, BYSTANDER);
    await eventually(() => publishesFor(BYSTANDER).length >= 1);
    const before = publishesFor(BYSTANDER).length;
    await escalate('new');
    await eventually(() => publishesFor(BYSTANDER).length > before);
    // One change, one publish per viewer (debounced), not one per listener call.
    await new Promise((r) => setTimeout(r, 500));
    expect(publishesFor(BYSTANDER).length).toBe(before + 1);
  });

  it('refreshes nobody who never opened Home', async () => {
    const stranger = 'U0STRANGER';
    await escalate('unseen');
    await new Promise((r) => setTimeout(r, 500));
    expect(publishesFor(stranger)).toHaveLength(0);
  });

  it.skipIf(!actionsFeature.jobs)('a Claim from the Home tab claims and moves it to "Your open escalations"', async () => {
    const esc = await escalate('claim');
    await homeOpened(h, VIEWER);
    const before = publishesFor(VIEWER).length;
    expect(await clickHome(h, { action_id: ActionId.escalationsClaim, value: esc.id }, VIEWER)).toBe(200);
    await eventually(
      async () => (await db.escalation.findUniqueOrThrow({ where: { id: esc.id } })).claimedBySlackId === VIEWER,
      10_000,
    );
    const view = await eventually(() => {
      const latest = publishesFor(VIEWER).slice(before).at(-1)?.args.view as
        | { blocks: Array<{ block_id?: string; accessory?: unknown }> }
        | undefined;
      const row = latest?.blocks.find((b) => b.block_id === `escalations_row:${esc.id}`);
      return row && !row.accessory && textOf(latest?.blocks).includes('Your open escalations* (2)') && latest;
    }, 10_000);
    expectValidHomeView(view);
  });

  it.skipIf(!actionsFeature.jobs)('a Home-tab Claim on a claimed escalation tells the clicker by DM', async () => {
    // A Home-tab click carries no channel and no response_url: the refusal comes as a DM.
    const esc = await escalate('taken');
    await db.escalation.update({
      where: { id: esc.id },
      data: { status: 'claimed', claimedBySlackId: BYSTANDER, claimedAt: new Date() },
    });
    const dms = () => h.slack.callsOf('chat.postMessage').filter((c) => c.ok && c.args.channel === VIEWER);
    const before = dms().length;
    expect(await clickHome(h, { action_id: ActionId.escalationsClaim, value: esc.id }, VIEWER)).toBe(200);
    const dm = await eventually(
      () =>
        dms()
          .slice(before)
          .find((c) => String(c.args.text).includes('already claimed by')),
      10_000,
    );
    expect(dm.args.text).toContain(`already claimed by <@${BYSTANDER}>`);
    expect(h.slack.channelMessages(`D${VIEWER.slice(1)}`).some((m) => m.text?.includes('already claimed'))).toBe(true);
    expect((await db.escalation.findUniqueOrThrow({ where: { id: esc.id } })).claimedBySlackId).toBe(BYSTANDER);
  });
});

describe('with Redis unreachable', () => {
  it('publishing a card is not held up by Home refreshes', async () => {
    const esc = await escalate('redis-down');
    // A second container on the same database and fake Slack, whose Redis never answers: BullMQ
    // would wait for it forever. Only the commands feature's card listener is wired in.
    const offline = buildContainer({ ...h.config, redisUrl: 'redis://127.0.0.1:9' }, { logger: createLogger('silent') });
    try {
      await commandsFeature.onWorkerStart?.(offline);
      const started = performance.now();
      const published = await offline.cards.publish(esc.id);
      expect(published.id).toBe(esc.id);
      // Skipped at once, not after a reconnect (Home catches up when it is next opened).
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      offline.producerRedis.disconnect();
      await offline.producer.close().catch(() => undefined);
      await offline.db.$disconnect();
    }
  });
});

describe("this week's figures", () => {
  // A week in 1999 that no other test touches: Monday 1999-06-14, "now" Wednesday noon UTC.
  const now = new Date('1999-06-16T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    const base = { platform: 'oscarchat', status: 'resolved' } as const;
    const mk = (key: string, data: Partial<Escalation>) =>
      db.escalation.create({
        data: { ...base, conversationId: `week-${run}-${key}`, ...data } as Parameters<Db['escalation']['create']>[0]['data'],
      });
    const r1 = await mk('r1', {
      firstEscalatedAt: at('1999-06-14T01:00:00Z'),
      claimedAt: at('1999-06-14T03:00:00Z'),
      resolvedAt: at('1999-06-15T00:00:00Z'),
    });
    // The first claim counts (10 min), not claimedAt (a later re-claim) nor the second entry.
    await db.auditEntry.create({
      data: { escalationId: r1.id, action: 'claimed', source: 'slack', createdAt: at('1999-06-14T01:10:00Z') },
    });
    await db.auditEntry.create({
      data: { escalationId: r1.id, action: 'claimed', source: 'slack', createdAt: at('1999-06-14T03:00:00Z') },
    });
    await mk('r2', {
      firstEscalatedAt: at('1999-06-15T08:00:00Z'),
      claimedAt: at('1999-06-15T08:30:00Z'),
      resolvedAt: at('1999-06-15T12:00:00Z'),
    });
    await mk('r3', { firstEscalatedAt: at('1999-06-16T09:00:00Z'), resolvedAt: at('1999-06-16T10:00:00Z') });
    // Sunday 23:00 UTC: last week in UTC, this week in Tokyo. Resolved this week either way.
    await mk('r4', {
      firstEscalatedAt: at('1999-06-13T23:00:00Z'),
      claimedAt: at('1999-06-13T23:05:00Z'),
      resolvedAt: at('1999-06-14T02:00:00Z'),
    });
    // Resolved after "now": an escalation this week, not (yet) resolved.
    await mk('r5', { firstEscalatedAt: at('1999-06-16T11:00:00Z'), resolvedAt: at('1999-06-17T00:00:00Z') });
  });

  it('counts since Monday 00:00 in REPORT_TIMEZONE (UTC)', async () => {
    const week = await weekFigures(db, 'UTC', now);
    expect(week.since.toISOString()).toBe('1999-06-14T00:00:00.000Z');
    expect(week).toMatchObject({ escalations: 4, resolved: 4 });
    expect(week.medianClaimMs).toBe(20 * 60_000); // median of 10 and 30 minutes
  });

  it('moves the week boundary with the zone', async () => {
    const week = await weekFigures(db, 'Asia/Tokyo', now);
    expect(week.since.toISOString()).toBe('1999-06-13T15:00:00.000Z');
    expect(week).toMatchObject({ escalations: 5, resolved: 4 });
    expect(week.medianClaimMs).toBe(10 * 60_000); // 5, 10, 30 minutes
  });

  it('is empty, not an error, for a week without escalations', async () => {
    const week = await weekFigures(db, 'UTC', new Date('1998-02-04T12:00:00Z'));
    expect(week).toMatchObject({ escalations: 0, resolved: 0, medianClaimMs: null });
  });
});
