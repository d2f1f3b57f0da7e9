import { describe, expect, it } from 'vitest';
import { isoWeekOf, parseIsoWeek, previousWeek, weekBefore, weekDays, weekRange } from '../../../src/reports/week.js';

const hours = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / 3_600_000;

describe('ISO weeks in a time zone', () => {
  it('runs Monday 00:00 to Monday 00:00 local time', () => {
    const r = weekRange('2026-W47', 'Europe/Berlin');
    expect(r.start.toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(r.label).toBe('2026-W47 (Nov 16–22)');
    expect(hours(r)).toBe(168);
  });

  it('is 167 hours when clocks go forward and 169 when they go back (Europe/Berlin)', () => {
    // EU clocks change on the last Sunday of March (Mar 29, 2026: W13) and of October
    // (Oct 25, 2026: the Sunday that ends W43, not W44).
    expect(hours(weekRange('2026-W13', 'Europe/Berlin'))).toBe(167);
    expect(hours(weekRange('2026-W43', 'Europe/Berlin'))).toBe(169);
    expect(hours(weekRange('2026-W44', 'Europe/Berlin'))).toBe(168);
    expect(hours(weekRange('2026-W13', 'UTC'))).toBe(168);
  });

  it('follows US DST dates in America/New_York (Mar 8 and Nov 1, 2026)', () => {
    const ny = weekRange('2026-W10', 'America/New_York'); // Mar 2–8: clocks go forward on Sunday
    expect(hours(ny)).toBe(167);
    expect(ny.start.toISOString()).toBe('2026-03-02T05:00:00.000Z'); // EST
    expect(ny.end.toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(hours(weekRange('2026-W44', 'America/New_York'))).toBe(169); // Oct 26–Nov 1: back
    expect(hours(weekRange('2026-W13', 'America/New_York'))).toBe(168); // Berlin's DST week
  });

  it('uses the ISO week-numbering year around New Year', () => {
    const r = weekRange('2026-W01', 'UTC');
    expect(r.start.toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(r.label).toBe('2026-W01 (Dec 29, 2025–Jan 4, 2026)');
    expect(weekRange('2026-W49', 'UTC').label).toBe('2026-W49 (Nov 30–Dec 6)');
    expect(weekBefore('2026-W01')).toBe('2025-W52');
    expect(weekBefore('2027-W01')).toBe('2026-W53');
  });

  it('rejects malformed and non-existent weeks', () => {
    expect(() => parseIsoWeek('2026-47')).toThrow(/YYYY-Www/);
    expect(() => parseIsoWeek('2025-W53')).toThrow(/does not exist/);
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2026w05')).toEqual({ year: 2026, week: 5 });
    expect(() => weekRange('2026-W10', 'Mars/Olympus')).toThrow(/time zone/);
  });

  it('places an instant in the week of the zone: 23:30 UTC Sunday is Monday in Berlin', () => {
    const sundayNight = new Date('2026-11-22T23:30:00Z');
    expect(isoWeekOf(sundayNight, 'UTC')).toBe('2026-W47');
    expect(isoWeekOf(sundayNight, 'Europe/Berlin')).toBe('2026-W48');
  });

  it('the previous complete week is the one before the current local week', () => {
    // Monday 09:00 Berlin: the week that just ended.
    expect(previousWeek(new Date('2026-11-23T08:00:00Z'), 'Europe/Berlin')).toBe('2026-W47');
    // Sunday 23:30 UTC is already Monday in Berlin, still Sunday in New York.
    expect(previousWeek(new Date('2026-11-22T23:30:00Z'), 'Europe/Berlin')).toBe('2026-W47');
    expect(previousWeek(new Date('2026-11-22T23:30:00Z'), 'America/New_York')).toBe('2026-W46');
  });

  it('lists the seven local dates', () => {
    expect(weekDays('2026-W44', 'Europe/Berlin')).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
  });
});
