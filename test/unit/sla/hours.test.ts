// Business-hours arithmetic: a weekend, night arrivals, both DST changes (Europe/Berlin and
// America/New_York), and the settings it accepts or refuses.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, parseBusinessHours } from '../../../src/sla/hours.js';

const MIN = 60_000;
const berlin = parseBusinessHours('Mon-Fri 09:00-17:00', 'Europe/Berlin');
const newYork = parseBusinessHours('Mon-Fri 09:00-17:00', 'America/New_York');
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const inZone = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

describe('addBusinessTime', () => {
  it('is plain addition without business hours', () => {
    const start = new Date('2026-03-07T22:00:00Z');
    expect(addBusinessTime(start, 15 * MIN, undefined).toISOString()).toBe('2026-03-07T22:15:00.000Z');
  });

  it('counts inside the hours on a working day', () => {
    const due = addBusinessTime(local('2026-11-25T10:00', 'Europe/Berlin'), 15 * MIN, berlin);
    expect(inZone(due, 'Europe/Berlin')).toBe('Wed 2026-11-25T10:15');
  });

  it('makes a night arrival due the next morning', () => {
    const due = addBusinessTime(local('2026-11-24T23:30', 'Europe/Berlin'), 15 * MIN, berlin);
    expect(inZone(due, 'Europe/Berlin')).toBe('Wed 2026-11-25T09:15');
  });

  it('carries what is left at closing over to the next opening', () => {
    const due = addBusinessTime(local('2026-11-25T16:50', 'Europe/Berlin'), 15 * MIN, berlin);
    expect(inZone(due, 'Europe/Berlin')).toBe('Thu 2026-11-26T09:05');
  });

  it('skips the weekend: Friday evening and Saturday arrivals are due Monday morning', () => {
    expect(inZone(addBusinessTime(local('2026-11-27T16:55', 'Europe/Berlin'), 15 * MIN, berlin), 'Europe/Berlin')).toBe(
      'Mon 2026-11-30T09:10',
    );
    expect(inZone(addBusinessTime(local('2026-11-28T12:00', 'Europe/Berlin'), 15 * MIN, berlin), 'Europe/Berlin')).toBe(
      'Mon 2026-11-30T09:15',
    );
  });

  it('keeps 09:00 local across the spring DST change (Berlin, 29 March 2026)', () => {
    // Friday 16:55 CET + 15 min -> Monday 09:10 CEST: UTC 08:10 no more 07:10.
    const due = addBusinessTime(local('2026-03-27T16:55', 'Europe/Berlin'), 15 * MIN, berlin);
    expect(inZone(due, 'Europe/Berlin')).toBe('Mon 2026-03-30T09:10');
    expect(due.toISOString()).toBe('2026-03-30T07:10:00.000Z');
  });

  it('keeps 09:00 local across the autumn DST change (Berlin, 25 October 2026)', () => {
    const due = addBusinessTime(local('2026-10-23T16:55', 'Europe/Berlin'), 15 * MIN, berlin);
    expect(inZone(due, 'Europe/Berlin')).toBe('Mon 2026-10-26T09:10');
    expect(due.toISOString()).toBe('2026-10-26T08:10:00.000Z');
  });

  it('is DST-correct in New York too (8 March and 1 November 2026)', () => {
    const spring = addBusinessTime(local('2026-03-06T16:50', 'America/New_York'), 30 * MIN, newYork);
    expect(spring.toISOString()).toBe('2026-03-09T13:20:00.000Z'); // 09:20 EDT
    const autumn = addBusinessTime(local('2026-10-30T16:50', 'America/New_York'), 30 * MIN, newYork);
    expect(autumn.toISOString()).toBe('2026-11-02T14:20:00.000Z'); // 09:20 EST
  });

  it('handles hours that include the DST switch itself (a 24/7 desk on the short and long night)', () => {
    const allDay = parseBusinessHours('Mon-Sun 00:00-24:00', 'Europe/Berlin');
    const beforeSpring = local('2026-03-29T01:30', 'Europe/Berlin');
    expect(addBusinessTime(beforeSpring, 60 * MIN, allDay).toISOString()).toBe(new Date(beforeSpring.getTime() + 60 * MIN).toISOString());
    const beforeAutumn = local('2026-10-25T01:30', 'Europe/Berlin');
    expect(addBusinessTime(beforeAutumn, 120 * MIN, allDay).getTime()).toBe(beforeAutumn.getTime() + 120 * MIN);
  });

  it('follows several segments (Saturday mornings)', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-17:00; Sat 10:00-12:00', 'Europe/Berlin');
    const due = addBusinessTime(local('2026-11-27T16:55', 'Europe/Berlin'), 15 * MIN, hours);
    expect(inZone(due, 'Europe/Berlin')).toBe('Sat 2026-11-28T10:10');
  });
});

describe('businessTimeBetween', () => {
  it('counts only open time, across a weekend', () => {
    const from = local('2026-11-27T16:00', 'Europe/Berlin');
    const to = local('2026-11-30T10:00', 'Europe/Berlin');
    expect(businessTimeBetween(from, to, berlin)).toBe(120 * MIN);
    expect(businessTimeBetween(to, from, berlin)).toBe(0);
  });

  it('inverts addBusinessTime', () => {
    const start = local('2026-03-27T15:00', 'Europe/Berlin');
    const due = addBusinessTime(start, 300 * MIN, berlin);
    expect(businessTimeBetween(start, due, berlin)).toBe(300 * MIN);
  });
});

describe('parseBusinessHours', () => {
  it('reads day ranges, lists and wraps', () => {
    const h = parseBusinessHours('Sat-Mon 08:00-12:00; Wed,Fri 13:00-14:30', 'UTC');
    expect(h.days[6]).toEqual([[480, 720]]);
    expect(h.days[7]).toEqual([[480, 720]]);
    expect(h.days[1]).toEqual([[480, 720]]);
    expect(h.days[2]).toEqual([]);
    expect(h.days[3]).toEqual([[780, 870]]);
  });

  it.each([
    ['', /empty/],
    ['weekdays 9-5', /should look like/],
    ['Mon-Fri 17:00-09:00', /closing must be after opening/],
    ['Mon-Fry 09:00-17:00', /not a day/],
    ['Mon-Fri 09:00-25:00', /HH:MM/],
  ])('refuses %j', (text, message) => {
    expect(() => parseBusinessHours(text, 'UTC')).toThrow(message);
  });
});
