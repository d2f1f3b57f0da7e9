import { describe, expect, it } from 'vitest';
import { lastScheduledRun, weekReportedAt } from '../../../src/reports/schedule.js';

describe('report schedule arithmetic', () => {
  it('finds the latest Monday 09:00 in the zone, across DST', () => {
    const berlin = (now: string) => lastScheduledRun('0 9 * * 1', 'Europe/Berlin', new Date(now)).toISOString();
    expect(berlin('2026-11-25T12:00:00Z')).toBe('2026-11-23T08:00:00.000Z'); // CET
    expect(berlin('2026-07-01T12:00:00Z')).toBe('2026-06-29T07:00:00.000Z'); // CEST
    // Exactly at the firing time counts as fired.
    expect(berlin('2026-11-23T08:00:00Z')).toBe('2026-11-23T08:00:00.000Z');
    expect(berlin('2026-11-23T07:59:59Z')).toBe('2026-11-16T08:00:00.000Z');
  });

  it('a run reports the week that ended before it', () => {
    expect(weekReportedAt(new Date('2026-11-23T08:00:00Z'), 'Europe/Berlin')).toBe('2026-W47');
    expect(weekReportedAt(new Date('2026-01-05T09:00:00Z'), 'UTC')).toBe('2026-W01');
  });

  it('supports six-field (seconds) patterns', () => {
    const at = lastScheduledRun('*/10 * * * * *', 'UTC', new Date('2026-11-23T08:00:07.500Z'));
    expect(at.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });
});
