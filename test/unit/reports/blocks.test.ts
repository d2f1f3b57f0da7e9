import { describe, expect, it } from 'vitest';
import { buildReportMessage, type PlatformSection } from '../../../src/reports/blocks.js';
import { computeWeeklyMetrics, type ReportAuditEntry, type ReportEscalation } from '../../../src/reports/metrics.js';
import { reportAsText } from '../../../src/reports/text.js';
import { expectValidBlocks } from '../../helpers/blockkit.js';
import { audit, esc } from './fixtures.js';

const metrics = (week: string, escalations: ReportEscalation[], entries: ReportAuditEntry[] = []) =>
  computeWeeklyMetrics({ week, timezone: 'Europe/Berlin', slaClaimMinutes: 15, escalations, audit: entries });

function busyWeek(count: number, agents: number) {
  const list: ReportEscalation[] = [];
  const entries: ReportAuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = esc(`2026-11-${17 + (i % 5)}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`, {
      platform: ['oscarchat', 'shopguide', 'chatdata'][i % 3],
      priority: ['urgent', 'high', 'normal', 'low'][i % 4],
      vip: i % 7 === 0,
      reason: `reason <${i % 12}> & more`,
      labels: [`label-${i % 11}`],
    });
    list.push(e);
    const agent = `U0AGENT${String(i % agents).padStart(2, '0')}`;
    entries.push(audit(e, 'claimed', 3 + (i % 30), { actorSlackId: agent }));
    if (i % 4 !== 0) entries.push(audit(e, 'resolved', 60 + i, { actorSlackId: agent }));
  }
  return { list, entries };
}

const sections: PlatformSection[] = [
  {
    platformName: 'Oscar Chat',
    platformId: 'oscarchat',
    summary: { conversations: 400, botResolutionRate: 0.72, avgFirstResponseSeconds: 95, avgResolutionSeconds: 3600, csat: 4.6 },
  },
  { platformName: 'ShopGuide', platformId: 'shopguide', error: 'ShopGuide answered 503 <html>' },
];

describe('report message', () => {
  it('is valid Block Kit with every section, within 50 blocks', () => {
    const { list, entries } = busyWeek(120, 25);
    const m = metrics('2026-W47', list, entries);
    const prev = metrics('2026-W46', [], []);
    const msg = buildReportMessage(m, prev, sections, { timezone: 'Europe/Berlin', platformNames: { oscarchat: 'Oscar Chat' } });
    expectValidBlocks(msg.blocks);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    const text = reportAsText(msg);
    expect(text).toContain('Weekly support report · 2026-W47 (Nov 16–22)');
    expect(text).toContain('Escalations\n120  ↑ new');
    expect(text).toContain('…and 15 more'); // 25 agents, 10 listed
    expect(text).toContain('Needed a human\n10% (40 escalated)');
    expect(text).toContain('Bot resolution rate\n72%');
    expect(text).toContain('CSAT\n4.6 / 5');
    expect(text).toContain('ShopGuide report unavailable: ShopGuide answered 503 <html>');
    // User-derived text is escaped in the blocks themselves.
    expect(JSON.stringify(msg.blocks)).toContain('reason &lt;0&gt; &amp; more');
    expect(msg.text).toMatch(/^Weekly support report · 2026-W47 .*: 120 escalations/);
  });

  it('shows week-over-week change with arrows and percentages', () => {
    const { list, entries } = busyWeek(10, 2);
    const cur = metrics('2026-W47', list.slice(0, 5), entries);
    // Same shape one week earlier: 10 escalations.
    const shifted = list.map((e) => ({ ...e, firstEscalatedAt: new Date(e.firstEscalatedAt.getTime() - 7 * 86_400_000) }));
    const prev = metrics('2026-W46', shifted, []);
    const text = reportAsText(buildReportMessage(cur, prev, [], { timezone: 'Europe/Berlin' }));
    expect(text).toContain('Escalations\n5  ↓ 50%');
  });

  it('says plainly when a week had no escalations', () => {
    const prev = metrics('2026-W46', [esc('2026-11-10T10:00:00Z')]);
    const msg = buildReportMessage(metrics('2026-W47', []), prev, [sections[1] as PlatformSection], {
      timezone: 'Europe/Berlin',
    });
    expectValidBlocks(msg.blocks);
    expect(reportAsText(msg)).toContain('No escalations this week. (last week: 1)');
    expect(msg.text).toContain('no escalations this week');
  });

  it('gives way on platform sections rather than exceed 50 blocks', () => {
    const { list, entries } = busyWeek(30, 3);
    const many: PlatformSection[] = Array.from({ length: 60 }, (_, i) => ({ platformName: `P${i}`, error: 'down' }));
    const msg = buildReportMessage(metrics('2026-W47', list, entries), null, many, { timezone: 'UTC' });
    expect(msg.blocks.length).toBe(50);
    expectValidBlocks(msg.blocks);
    expect(msg.blocks.at(-1)?.type).toBe('context');
  });
});
