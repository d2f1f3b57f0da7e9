// /escalations rows and the Home view against the Block Kit schema, at their limits.
import { describe, expect, it } from 'vitest';
import { HOME_ROWS, homeView } from '../../../src/commands/blocks/home.js';
import { cardUrl, escalationRow, escalationsMessage, MESSAGE_ROWS } from '../../../src/commands/blocks/escalations-list.js';
import type { QueueItem, QueuePage } from '../../../src/commands/open-escalations.js';
import { ActionId } from '../../../src/slack/ids.js';
import { expectValidBlocks, expectValidHomeView } from '../../helpers/blockkit.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const ctx = { now: NOW, platformName: (p: string) => (p === 'oscarchat' ? 'Oscar Chat' : p) };

function item(n: number, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    platform: 'oscarchat',
    status: 'open',
    priority: 'normal',
    vip: false,
    reason: 'Late delivery',
    customerName: `Customer ${n}`,
    customerEmail: `c${n}@example.com`,
    claimedBySlackId: null,
    assigneeSlackId: null,
    firstEscalatedAt: new Date(NOW.getTime() - (90 - n) * 60_000),
    conversationUrl: `https://app.oscarchat.ai/conversations/${n}`,
    slackChannel: 'C0ESCALATE',
    slackTs: '1700000000.000100',
    claimDueAt: null,
    ...overrides,
  };
}

const page = (items: QueueItem[], total = items.length): QueuePage => ({ items, total });
const text = (v: unknown) => JSON.stringify(v);

describe('queue row', () => {
  it('shows priority, VIP, customer, platform, age, reason and links; Claim when unclaimed', () => {
    const row = escalationRow(item(0, { priority: 'urgent', vip: true }), ctx);
    const t = text(row);
    for (const s of ['🔴 *Urgent*', '⭐ VIP', '*Customer 0*', 'Oscar Chat', 'waiting *1h 30m*', '_Late delivery_', '_Unclaimed_'])
      expect(t).toContain(s);
    expect(t).toContain('<https://slack.com/archives/C0ESCALATE/p1700000000000100|card>');
    expect(row.accessory).toMatchObject({ action_id: ActionId.escalationsClaim, value: item(0).id });
    expect(row.block_id).toBe(`escalations_row:${item(0).id}`);
  });

  it('shows the claim deadline, or how long it is overdue', () => {
    const due = new Date(NOW.getTime() + 10 * 60_000);
    expect(text(escalationRow(item(4, { claimDueAt: due }), ctx))).toContain(
      `claim due <!date^${due.getTime() / 1000}^{date_short_pretty} {time}|2026-03-02 12:10 UTC>`,
    );
    expect(text(escalationRow(item(5, { claimDueAt: new Date(NOW.getTime() - 12 * 60_000) }), ctx))).toContain('*Overdue* by 12m');
    expect(text(escalationRow(item(6, { claimDueAt: due, claimedBySlackId: 'U0AGENT' }), ctx))).not.toContain('claim due');
  });

  it('has no Claim once someone holds it', () => {
    expect(escalationRow(item(1, { status: 'claimed', claimedBySlackId: 'U0AGENT' }), ctx).accessory).toBeUndefined();
    const assigned = escalationRow(item(2, { assigneeSlackId: 'U0OTHER' }), ctx);
    expect(assigned.accessory).toBeUndefined();
    expect(text(assigned)).toContain('Assigned to <@U0OTHER>');
  });

  it('escapes customer text and falls back when there is none', () => {
    const t = text(
      escalationRow(
        item(3, {
          customerName: '<!channel> Eve',
          reason: '<@U1> *bold*',
          customerEmail: null,
          conversationUrl: null,
          slackTs: null,
        }),
        ctx,
      ),
    );
    expect(t).not.toContain('<!channel>');
    expect(t).not.toContain('<@U1>');
    expect(t).not.toContain('|card>');
    expect(text(escalationRow(item(4, { customerName: null, customerEmail: null }), ctx))).toContain('Unknown customer');
    expect(cardUrl({ slackChannel: null, slackTs: null })).toBeUndefined();
  });
});

describe('/escalations message', () => {
  it('caps a long queue within 50 blocks and says how many more', () => {
    const items = Array.from({ length: MESSAGE_ROWS }, (_, i) => item(i, { reason: 'x'.repeat(400) }));
    const m = escalationsMessage(page(items, 120), 'all', ctx, { showUsage: true });
    expectValidBlocks(m.blocks);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    const t = text(m.blocks);
    expect(t).toContain('*Open escalations*: 120, overdue first');
    expect(t).toContain('+75 more');
    expect(t).toContain('[mine|unclaimed|all]');
  });

  it('says so when a list is empty', () => {
    for (const filter of ['all', 'unclaimed', 'mine'] as const) {
      const m = escalationsMessage(page([]), filter, ctx);
      expectValidBlocks(m.blocks);
      expect(m.blocks).toHaveLength(1);
    }
    expect(text(escalationsMessage(page([]), 'mine', ctx).blocks)).toContain('You have no open escalations');
  });
});

describe('Home view', () => {
  const week = { since: new Date('2026-03-02T00:00:00Z'), escalations: 17, medianClaimMs: 7 * 60_000 + 30_000, resolved: 11 };

  it('is a valid Home tab with both lists and the week', () => {
    const v = homeView(
      {
        mine: page([item(1, { status: 'claimed', claimedBySlackId: 'U0ME' })]),
        unclaimed: page([item(2, { claimDueAt: new Date(NOW.getTime() - 5 * 60_000) })]),
        week,
        timezone: 'Europe/Berlin',
      },
      ctx,
    );
    expectValidHomeView(v);
    const t = text(v);
    expect(t).toContain('Your open escalations* (1)');
    expect(t).toContain('Unclaimed* (1)');
    expect(t).toContain('*Overdue* by 5m (claim was due <!date^');
    expect(t).toContain('This week* (since Mon 2 Mar, Europe/Berlin)');
    expect(t).toContain('*Escalations*\\n17');
    expect(t).toContain('*Median time to claim*\\n7m');
    expect(t).toContain('*Resolved*\\n11');
    expect(t.match(new RegExp(ActionId.escalationsClaim, 'g'))).toHaveLength(1);
  });

  it('stays within the Home tab limits with full lists', () => {
    const mine = Array.from({ length: HOME_ROWS }, (_, i) => item(i, { claimedBySlackId: 'U0ME', reason: 'y'.repeat(500) }));
    const unclaimed = Array.from({ length: HOME_ROWS }, (_, i) => item(100 + i, { reason: 'z'.repeat(500) }));
    const v = homeView({ mine: page(mine, 60), unclaimed: page(unclaimed, 300), week, timezone: 'UTC' }, ctx);
    expectValidHomeView(v);
    expect(text(v)).toContain('+40 more');
    expect(text(v)).toContain('+280 more');
  });

  it('lists a row once even if a claim lands between the two reads', () => {
    const raced = item(7);
    const v = homeView(
      { mine: page([{ ...raced, claimedBySlackId: 'U0ME' }]), unclaimed: page([raced, item(8)]), week, timezone: 'UTC' },
      ctx,
    );
    expectValidHomeView(v);
    expect(text(v)).toContain('Unclaimed* (1)');
  });

  it('reads well when empty', () => {
    const v = homeView(
      {
        mine: page([]),
        unclaimed: page([]),
        week: { ...week, escalations: 0, medianClaimMs: null, resolved: 0 },
        timezone: 'UTC',
      },
      ctx,
    );
    expectValidHomeView(v);
    const t = text(v);
    expect(t).toContain('Nothing on your plate');
    expect(t).toContain('Every open escalation has an owner');
    expect(t).toContain('*Median time to claim*\\n—');
  });
});
