// The one SLA definition: budgets per priority, deadlines in business hours, breaches judged at a
// cut-off, and how the card and the weekly report read it.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeWeeklyMetrics } from '../../../src/reports/metrics.js';
import { buildEscalationCard } from '../../../src/slack/blocks/card.js';
import { runningClaimClock } from '../../../src/sla/clock.js';
import { parseBusinessHours } from '../../../src/sla/hours.js';
import { claimBreach, claimBudgetMinutes, claimDeadline, formatMinutes, type SlaPolicy } from '../../../src/sla/policy.js';
import { audit, esc } from '../reports/fixtures.js';
import { escalation, FULL_CAPS, LABELS, T0 } from '../slack/escalation-factory.js';

const MIN = 60_000;
const plain: SlaPolicy = { claimMinutes: 15, urgentClaimMinutes: 7.5 };
const office: SlaPolicy = { ...plain, hours: parseBusinessHours('Mon-Fri 09:00-17:00', 'Europe/Berlin') };
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toJSDate();

describe('claim budgets and deadlines', () => {
  it('gives urgent and VIP escalations the shorter budget', () => {
    expect(claimBudgetMinutes(plain, { priority: 'normal', vip: false })).toBe(15);
    expect(claimBudgetMinutes(plain, { priority: 'urgent', vip: false })).toBe(7.5);
    expect(claimBudgetMinutes(plain, { priority: 'low', vip: true })).toBe(7.5);
    const start = new Date('2026-11-25T10:00:00Z');
    expect(claimDeadline(plain, { priority: 'urgent', vip: false, startedAt: start }).toISOString()).toBe('2026-11-25T10:07:30.000Z');
  });

  it('counts inside business hours: a Friday-night arrival is due Monday 09:15', () => {
    const due = claimDeadline(office, { priority: 'normal', vip: false, startedAt: berlin('2026-11-27T21:00') });
    expect(due.toISOString()).toBe(berlin('2026-11-30T09:15').toISOString());
  });

  it('judges a breach at the cut-off: a deadline still ahead is not one yet', () => {
    const clock = { priority: 'normal', vip: false, startedAt: new Date('2026-11-25T10:00:00Z') };
    const due = new Date('2026-11-25T10:15:00Z').getTime();
    const open = { claimedAt: null, firstResolvedAt: null };
    expect(claimBreach(plain, clock, { ...open, cutoff: due - 1 })).toBeUndefined();
    expect(claimBreach(plain, clock, { ...open, cutoff: due + 1 })).toBe('unclaimed_overdue');
    expect(claimBreach(plain, clock, { claimedAt: due, firstResolvedAt: null, cutoff: due + MIN })).toBeUndefined();
    expect(claimBreach(plain, clock, { claimedAt: due + 1, firstResolvedAt: null, cutoff: due + MIN })).toBe('claimed_late');
    expect(claimBreach(plain, clock, { claimedAt: null, firstResolvedAt: due - 1, cutoff: due + MIN })).toBeUndefined();
  });

  it('formats budgets for messages', () => {
    expect(formatMinutes(15)).toBe('15 min');
    expect(formatMinutes(0.5)).toBe('0.5 min');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(120)).toBe('2 h');
  });
});

describe('the running clock', () => {
  it('starts at the first escalation, restarts at a reopen, stops when claimed', () => {
    const row = escalation({ firstEscalatedAt: T0 });
    const now = new Date(T0.getTime() + 20 * MIN);
    expect(runningClaimClock(plain, row, now)?.startedAt).toEqual(T0);
    // Claimed earlier, then released or reopened: the stored clock had stopped (claimDueAt null).
    const restarted = escalation({ firstEscalatedAt: T0, slaClockStartedAt: T0, claimDueAt: null });
    expect(runningClaimClock(plain, restarted, now)?.dueAt).toEqual(new Date(now.getTime() + 15 * MIN));
    expect(runningClaimClock(plain, escalation({ claimedBySlackId: 'U0JANE' }), now)).toBeUndefined();
    expect(runningClaimClock(plain, escalation({ status: 'resolved' }), now)).toBeUndefined();
  });
});

describe('the card', () => {
  const ctx = { platformName: 'Oscar Chat', capabilities: FULL_CAPS, labels: LABELS, sla: plain };
  const statusText = (now: Date, over = {}) =>
    JSON.stringify(buildEscalationCard(escalation({ firstEscalatedAt: T0, ...over }), { ...ctx, now }).blocks);

  it('shows the due time as a Slack date token before the deadline', () => {
    const unix = Math.floor((T0.getTime() + 15 * MIN) / 1000);
    const text = statusText(new Date(T0.getTime() + 5 * MIN));
    expect(text).toContain(`claim due <!date^${unix}^{date_short_pretty} {time}|2026-03-02 10:15 UTC>`);
    expect(text).not.toContain('Overdue');
  });

  it('shows overdue and by how long after it', () => {
    expect(statusText(new Date(T0.getTime() + 27 * MIN))).toContain('*Overdue* by 12m');
  });

  it('shows nothing due once claimed', () => {
    expect(statusText(new Date(T0.getTime() + 27 * MIN), { claimedBySlackId: 'U0JANE', claimedAt: T0, status: 'claimed' })).not.toMatch(
      /Overdue|claim due/,
    );
  });
});

describe('the weekly report uses the same definition', () => {
  it('counts a night arrival claimed next morning within the budget as in time only with business hours', () => {
    // Wednesday 22:00 Berlin, claimed Thursday 09:10: 11 h 10 min on the clock, 10 business minutes.
    const e = esc(berlin('2026-11-25T22:00').toISOString());
    const entries = [audit(e, 'claimed', berlin('2026-11-26T09:10').toISOString(), { actorSlackId: 'U0JANE' })];
    const base = { week: '2026-W48', timezone: 'Europe/Berlin', slaClaimMinutes: 15, escalations: [e], audit: entries };
    expect(computeWeeklyMetrics({ ...base, sla: plain }).slaBreaches).toBe(1);
    expect(computeWeeklyMetrics({ ...base, sla: office }).slaBreaches).toBe(0);
  });

  it('for the running week, counts an unclaimed escalation only once its deadline has passed', () => {
    const e = esc('2026-11-25T10:00:00Z');
    const base = { week: '2026-W48', timezone: 'UTC', slaClaimMinutes: 15, sla: plain, escalations: [e], audit: [] };
    const before = computeWeeklyMetrics({ ...base, now: new Date('2026-11-25T10:14:00Z') });
    expect(before.slaBreaches).toBe(0);
    expect(before.unclaimedAtWeekEnd).toBe(1);
    expect(computeWeeklyMetrics({ ...base, now: new Date('2026-11-25T10:16:00Z') }).slaBreakdown.unclaimedOverdue).toBe(1);
    // An urgent one has the shorter deadline in the report too.
    const urgent = esc('2026-11-25T10:00:00Z', { priority: 'urgent' });
    expect(computeWeeklyMetrics({ ...base, escalations: [urgent], now: new Date('2026-11-25T10:08:00Z') }).slaBreaches).toBe(1);
  });
});
