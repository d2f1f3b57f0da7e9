import { describe, expect, it } from 'vitest';
import { computeWeeklyMetrics, type ReportAuditEntry, type ReportEscalation } from '../../../src/reports/metrics.js';
import { audit, esc } from './fixtures.js';

const run = (
  week: string,
  escalations: ReportEscalation[],
  entries: ReportAuditEntry[] = [],
  timezone = 'UTC',
  slaClaimMinutes = 15,
) => computeWeeklyMetrics({ week, timezone, slaClaimMinutes, escalations, audit: entries });

describe('weekly metrics', () => {
  it('an empty week has zeros and no distributions', () => {
    const m = run('2026-W47', []);
    expect(m.total).toBe(0);
    expect(m.vipShare).toBeNull();
    expect(m.timeToClaim).toEqual({ median: null, p90: null, count: 0 });
    expect(m.timeToResolve).toEqual({ median: null, p90: null, count: 0 });
    expect(m.slaBreaches).toBe(0);
    expect(m.perAgent).toEqual([]);
    expect(m.byPriority.map((p) => [p.key, p.count])).toEqual([
      ['urgent', 0],
      ['high', 0],
      ['normal', 0],
      ['low', 0],
    ]);
    expect(m.perDay).toHaveLength(7);
    expect(m.perDay.every((d) => d.escalations === 0 && d.medianTimeToClaim === null)).toBe(true);
  });

  it('one escalation claimed and resolved', () => {
    const e = esc('2026-11-18T10:00:00Z', { priority: 'urgent', vip: true, labels: ['refund', 'vip'], reason: 'refund' });
    const m = run(
      '2026-W47',
      [e],
      [
        audit(e, 'escalated', 0),
        audit(e, 'claimed', 5, { actorSlackId: 'U0AGENT1' }),
        audit(e, 'labelled', 6, { actorSlackId: 'U0AGENT1' }),
        audit(e, 'resolved', 60, { actorSlackId: 'U0AGENT1' }),
      ],
    );
    expect(m.total).toBe(1);
    expect(m.byPlatform).toEqual([{ key: 'oscarchat', count: 1 }]);
    expect(m.byReason).toEqual([{ key: 'refund', count: 1 }]);
    expect(m.byLabel.map((l) => l.key).sort()).toEqual(['refund', 'vip']);
    expect(m.byPriority[0]).toEqual({ key: 'urgent', count: 1 });
    expect(m.vipShare).toBe(1);
    expect(m.timeToClaim).toEqual({ median: 300, p90: 300, count: 1 });
    expect(m.timeToResolve).toEqual({ median: 3600, p90: 3600, count: 1 });
    expect(m.slaBreaches).toBe(0);
    expect(m.unclaimedAtWeekEnd).toBe(0);
    expect(m.unresolvedAtWeekEnd).toBe(0);
    expect(m.perAgent).toEqual([{ slackId: 'U0AGENT1', name: null, claimed: 1, resolved: 1, medianTimeToResolve: 3600 }]);
    expect(m.perDay.map((d) => d.escalations)).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(m.perDay[2]?.medianTimeToClaim).toBe(300);
  });

  it('takes a snapshot at week end: later claims and resolutions do not count', () => {
    // W47 (UTC) ends Mon Nov 23 00:00.
    const overdue = esc('2026-11-22T23:00:00Z'); // SLA deadline 23:15, inside the week
    const fresh = esc('2026-11-22T23:50:00Z'); // deadline after the week: not a breach yet
    const m = run(
      '2026-W47',
      [overdue, fresh],
      [
        audit(overdue, 'claimed', 90, { actorSlackId: 'U0AGENT1' }),
        audit(overdue, 'resolved', 120, { actorSlackId: 'U0AGENT1' }),
      ],
    );
    expect(m.unclaimedAtWeekEnd).toBe(2);
    expect(m.unresolvedAtWeekEnd).toBe(2);
    expect(m.slaBreakdown).toEqual({ claimedLate: 0, unclaimedOverdue: 1 });
    expect(m.timeToClaim.count).toBe(0);
    // The claim exists (after week end), so claimedAt is not used as a fallback either.
    expect(m.perAgent).toEqual([]);
  });

  it('counts a late claim as an SLA breach, and a platform resolution in time as none', () => {
    const late = esc('2026-11-17T09:00:00Z');
    const handled = esc('2026-11-17T10:00:00Z');
    const m = run(
      '2026-W47',
      [late, handled],
      [audit(late, 'claimed', 20, { actorSlackId: 'U0AGENT1' }), audit(handled, 'resolved', 10, { actorName: 'Dana (Oscar)' })],
    );
    expect(m.slaBreakdown).toEqual({ claimedLate: 1, unclaimedOverdue: 0 });
    expect(m.slaBreaches).toBe(1);
    expect(m.perAgent.find((a) => a.name === 'Dana (Oscar)')).toMatchObject({ slackId: null, claimed: 0, resolved: 1 });
  });

  it('ignores refused clicks (rejected, outcome failed)', () => {
    const e = esc('2026-11-17T09:00:00Z', { claimedAt: new Date('2026-11-17T09:04:00Z'), claimedBySlackId: 'U0AGENT1' });
    const m = run(
      '2026-W47',
      [e],
      [
        // Only a refused second Claim in the audit: the claim itself predates the audit trail.
        audit(e, 'rejected', 6, { actorSlackId: 'U0AGENT2', detail: { attempted: 'claim' } }),
      ],
    );
    expect(m.timeToClaim.median).toBe(240);
    expect(m.perAgent.map((a) => a.slackId)).toEqual(['U0AGENT1']);
  });

  it('an assignment that claimed counts as the claim, credited to the assignee', () => {
    const e = esc('2026-11-17T09:00:00Z');
    const m = run(
      '2026-W47',
      [e],
      [
        audit(e, 'assigned', 3, { actorSlackId: 'U0LEAD', detail: { assignee: 'U0AGENT2', claimedToo: true } }),
        audit(e, 'assigned', 1, { actorSlackId: 'U0LEAD', detail: { assignee: 'U0AGENT3', claimedToo: false } }),
      ],
    );
    expect(m.timeToClaim.median).toBe(180);
    expect(m.perAgent).toEqual([{ slackId: 'U0AGENT2', name: null, claimed: 1, resolved: 0, medianTimeToResolve: null }]);
  });

  it('reopened then resolved counts once, to the final resolution', () => {
    const e = esc('2026-11-17T09:00:00Z');
    const stillOpen = esc('2026-11-17T09:00:00Z');
    const m = run(
      '2026-W47',
      [e, stillOpen],
      [
        audit(e, 'claimed', 2, { actorSlackId: 'U0AGENT1' }),
        audit(e, 'resolved', 60, { actorSlackId: 'U0AGENT1' }),
        audit(e, 'reopened', 120, { actorName: undefined }),
        audit(e, 'released', 121, { actorSlackId: 'U0AGENT1' }),
        audit(e, 'claimed', 150, { actorSlackId: 'U0AGENT2' }),
        audit(e, 'resolved', 300, { actorSlackId: 'U0AGENT2' }),
        audit(stillOpen, 'claimed', 1, { actorSlackId: 'U0AGENT1' }),
        audit(stillOpen, 'resolved', 30, { actorSlackId: 'U0AGENT1' }),
        audit(stillOpen, 're_escalated', 90, { detail: { reopened: true } }),
      ],
    );
    expect(m.timeToResolve).toEqual({ median: 18_000, p90: 18_000, count: 1 });
    expect(m.unresolvedAtWeekEnd).toBe(1);
    expect(m.timeToClaim.median).toBe(90); // first claims: 2 min and 1 min
    const byId = Object.fromEntries(m.perAgent.map((a) => [a.slackId, a]));
    expect(byId.U0AGENT1).toMatchObject({ claimed: 2, resolved: 0 });
    expect(byId.U0AGENT2).toMatchObject({ claimed: 1, resolved: 1, medianTimeToResolve: 18_000 });
  });

  it('falls back to claimedAt / resolvedAt for escalations without audit entries', () => {
    const e = esc('2026-11-17T09:00:00Z', {
      claimedAt: new Date('2026-11-17T09:10:00Z'),
      claimedBySlackId: 'U0AGENT1',
      resolvedAt: new Date('2026-11-17T11:00:00Z'),
      resolvedBy: 'U0AGENT1',
    });
    const m = run('2026-W47', [e]);
    expect(m.timeToClaim.median).toBe(600);
    expect(m.timeToResolve.median).toBe(7200);
    expect(m.perAgent).toEqual([{ slackId: 'U0AGENT1', name: null, claimed: 1, resolved: 1, medianTimeToResolve: 7200 }]);
  });

  it('median and p90 over many escalations', () => {
    const list = Array.from({ length: 10 }, (_, i) => esc(`2026-11-18T0${i}:00:00Z`));
    const entries = list.map((e, i) => audit(e, 'claimed', i + 1, { actorSlackId: 'U0AGENT1' }));
    const m = run('2026-W47', list, entries);
    expect(m.timeToClaim.median).toBe(330); // (5 + 6) / 2 minutes
    expect(m.timeToClaim.p90).toBeCloseTo(546, 6); // 9.1 minutes
    expect(m.perAgent[0]?.claimed).toBe(10);
  });

  it('follows the zone: 23:30 UTC Sunday is Monday of the next week in Berlin', () => {
    const e = esc('2026-11-22T23:30:00Z');
    expect(run('2026-W47', [e], [], 'UTC').perDay[6]?.escalations).toBe(1);
    expect(run('2026-W47', [e], [], 'Europe/Berlin').total).toBe(0);
    const berlin = run('2026-W48', [e], [], 'Europe/Berlin');
    expect(berlin.total).toBe(1);
    expect(berlin.perDay[0]).toMatchObject({ date: '2026-11-23', escalations: 1 });
  });

  it('buckets days correctly in a week spanning a DST change (2026-W13, Berlin, 167 h)', () => {
    const tz = 'Europe/Berlin';
    const list = [
      esc('2026-03-22T23:00:00Z'), // Mon 00:00 CET: first instant of the week
      esc('2026-03-29T00:30:00Z'), // Sun 01:30 CET, before the change
      esc('2026-03-29T01:30:00Z'), // Sun 03:30 CEST, after it
      esc('2026-03-29T21:59:00Z'), // Sun 23:59 CEST: last minute of the week
      esc('2026-03-29T22:00:00Z'), // Mon 00:00 CEST: next week
      esc('2026-03-22T22:59:00Z'), // Sun 23:59 CET: previous week
    ];
    const m = run('2026-W13', list, [], tz);
    expect(m.end.getTime() - m.start.getTime()).toBe(167 * 3_600_000);
    expect(m.total).toBe(4);
    expect(m.perDay.map((d) => d.escalations)).toEqual([1, 0, 0, 0, 0, 0, 3]);
    expect(run('2026-W14', list, [], tz).perDay[0]?.escalations).toBe(1);
    expect(run('2026-W12', list, [], tz).perDay[6]?.escalations).toBe(1);
  });

  it('orders breakdowns by count and puts unknown priorities after the known ones', () => {
    const list = [
      esc('2026-11-17T09:00:00Z', { platform: 'shopguide', priority: 'weird', reason: null }),
      esc('2026-11-17T09:00:00Z', { platform: 'shopguide', priority: 'low', reason: '  ' }),
      esc('2026-11-17T09:00:00Z', { platform: 'chatdata', priority: 'low', labels: ['bug', 'bug', ' '] }),
      // A platform's machine code is counted under the words people read.
      esc('2026-11-17T09:00:00Z', { platform: 'oscarchat', priority: 'low', reason: 'customer_requested_human' }),
      esc('2026-11-17T09:00:00Z', { platform: 'oscarchat', priority: 'low', reason: 'payment_dispute' }),
    ];
    const m = run('2026-W47', list);
    expect(m.byPlatform).toEqual([
      { key: 'oscarchat', count: 2 },
      { key: 'shopguide', count: 2 },
      { key: 'chatdata', count: 1 },
    ]);
    expect(m.byReason).toEqual([
      { key: 'Customer asked for a human', count: 2 },
      { key: 'unspecified', count: 2 },
      { key: 'Payment dispute', count: 1 },
    ]);
    expect(m.byLabel).toEqual([{ key: 'bug', count: 1 }]);
    expect(m.byPriority.map((p) => p.key)).toEqual(['urgent', 'high', 'normal', 'low', 'weird']);
  });
});
