// Business hours: "Mon-Fri 09:00-17:00" in a time zone, and the one piece of arithmetic SLA clocks
// need: "start + N minutes, counting only time inside the hours". Pure (luxon does the zone and
// DST work: each day's opening is built from the local wall clock, so a 09:00 opening stays 09:00
// across a DST change and the day is as long as the wall clock says).
import { DateTime } from 'luxon';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Opening minutes per ISO weekday (1 = Monday .. 7 = Sunday): [from, to) minutes after midnight. */
export interface BusinessHours {
  zone: string;
  /** Index 0 unused; 1..7 ISO weekdays. */
  days: Array<Array<[number, number]>>;
  /** The setting as written, for messages. */
  source: string;
}

function dayIndex(name: string): number | undefined {
  const i = DAYS.indexOf(name.trim().slice(0, 3).toLowerCase() as (typeof DAYS)[number]);
  return i < 0 ? undefined : i + 1;
}

function minutesOf(hhmm: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/**
 * Parses `Mon-Fri 09:00-17:00`, several segments separated by `;`
 * (`Mon-Fri 09:00-17:00; Sat 10:00-14:00`), day lists with commas (`Mon,Wed 08:00-12:00`).
 * Throws a RangeError that says what is wrong.
 */
export function parseBusinessHours(text: string, zone: string): BusinessHours {
  const days: Array<Array<[number, number]>> = Array.from({ length: 8 }, () => []);
  const segments = text.split(';').map((s) => s.trim()).filter(Boolean);
  if (!segments.length) throw new RangeError('is empty');
  for (const segment of segments) {
    const m = /^([A-Za-z,\s-]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(segment);
    if (!m) throw new RangeError(`"${segment}" should look like "Mon-Fri 09:00-17:00"`);
    const [, dayPart = '', fromText = '', toText = ''] = m;
    const from = minutesOf(fromText);
    const to = minutesOf(toText);
    if (from === undefined || to === undefined) throw new RangeError(`"${segment}": times must be HH:MM`);
    if (to <= from) throw new RangeError(`"${segment}": closing must be after opening (overnight hours are not supported)`);
    for (const range of dayPart.split(',').map((d) => d.trim()).filter(Boolean)) {
      const [a, b] = range.split('-').map((d) => d.trim());
      const first = dayIndex(a ?? '');
      const last = b === undefined ? first : dayIndex(b);
      if (first === undefined || last === undefined) throw new RangeError(`"${range}" is not a day (Mon..Sun)`);
      // Mon-Fri, or a wrap like Sat-Mon.
      for (let d = first, n = 0; n < 7; d = (d % 7) + 1, n++) {
        days[d]?.push([from, to]);
        if (d === last) break;
      }
    }
  }
  for (const list of days) list.sort((x, y) => x[0] - y[0]);
  return { zone, days, source: text.trim() };
}

/** One local day: its start, the next day's start, and its opening intervals as instants. */
interface Day {
  start: number;
  next: number;
  intervals: Array<[number, number]>;
}

/**
 * Days are built with luxon once and kept: the weekly report asks for thousands of deadlines over
 * the same few days (luxon costs ~100 µs a day; a cached lookup almost nothing).
 */
const CACHE_LIMIT = 5000;
const dayCache = new WeakMap<BusinessHours, { bySlot: Map<number, number>; byStart: Map<number, Day> }>();
/** Zone offsets and their changes fall on quarter hours, so one local day start per UTC quarter hour. */
const SLOT_MS = 15 * 60_000;

function cacheOf(hours: BusinessHours) {
  let c = dayCache.get(hours);
  if (!c || c.byStart.size > CACHE_LIMIT || c.bySlot.size > CACHE_LIMIT * 96) {
    c = { bySlot: new Map(), byStart: new Map() };
    dayCache.set(hours, c);
  }
  return c;
}

function dayFrom(local: DateTime, hours: BusinessHours): Day {
  const c = cacheOf(hours);
  const start = local.toMillis();
  let day = c.byStart.get(start);
  if (!day) {
    day = {
      start,
      next: local.plus({ days: 1 }).startOf('day').toMillis(),
      intervals: (hours.days[local.weekday] ?? []).map(([from, to]) => [at(local, from), at(local, to)]),
    };
    c.byStart.set(start, day);
  }
  return day;
}

/** The local day holding an instant. */
function dayOf(ms: number, hours: BusinessHours): Day {
  const c = cacheOf(hours);
  const slot = Math.floor(ms / SLOT_MS);
  const start = c.bySlot.get(slot);
  const cached = start === undefined ? undefined : c.byStart.get(start);
  if (cached) return cached;
  const day = dayFrom(DateTime.fromMillis(ms, { zone: hours.zone }).startOf('day'), hours);
  c.bySlot.set(slot, day.start);
  return day;
}

/** The day after a day (its start is this day's `next`). */
function dayAfter(day: Day, hours: BusinessHours): Day {
  return dayOf(day.next, hours);
}

/** The instant of a local wall-clock minute on a day (a time skipped by DST moves forward). */
function at(day: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
}

/** How far ahead we look for opening hours; a configuration with none at all never gets here. */
const MAX_DAYS = 366 * 2;

/**
 * `start` plus `ms` of business time. With no hours, plain addition. A start outside the hours
 * begins counting at the next opening (a night arrival is due the next morning).
 */
export function addBusinessTime(start: Date, ms: number, hours: BusinessHours | undefined): Date {
  if (!hours) return new Date(start.getTime() + ms);
  let remaining = Math.max(0, ms);
  let cursor = start.getTime();
  let day = dayOf(cursor, hours);
  for (let n = 0; n < MAX_DAYS; n++, day = dayAfter(day, hours)) {
    for (const [open, close] of day.intervals) {
      const from = Math.max(open, cursor);
      if (close <= from) continue;
      if (remaining <= close - from) return new Date(from + remaining);
      remaining -= close - from;
      cursor = close;
    }
  }
  throw new RangeError(`no business hours within ${MAX_DAYS} days of ${start.toISOString()}`);
}

/** Business time between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(from: Date, to: Date, hours: BusinessHours | undefined): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!hours) return b - a;
  let total = 0;
  for (let day = dayOf(a, hours); day.start < b; day = dayAfter(day, hours)) {
    for (const [open, close] of day.intervals) total += Math.max(0, Math.min(close, b) - Math.max(open, a));
  }
  return total;
}
