// ISO-week arithmetic for the weekly report. A report week is "YYYY-Www" (ISO 8601 week-numbering
// year, so 2026-W01 starts on Mon 2025-12-29) interpreted in REPORT_TIMEZONE: it runs from Monday
// 00:00 local to the next Monday 00:00 local. Across a DST change that is 167 or 169 real hours,
// which is why all arithmetic goes through luxon in the zone instead of adding 7*24h to a Date.
import { DateTime, IANAZone } from 'luxon';

export interface IsoWeek {
  /** ISO week-numbering year (may differ from the calendar year around New Year). */
  year: number;
  /** 1..52 or 53. */
  week: number;
}

export interface WeekRange {
  /** Monday 00:00 local, inclusive. */
  start: Date;
  /** Next Monday 00:00 local, exclusive. */
  end: Date;
  /** e.g. "2026-W47 (Nov 16–22)". */
  label: string;
  /** The week in canonical form, e.g. "2026-W47". */
  week: string;
}

const WEEK_RE = /^(\d{4})-?W(\d{2})$/i;

function assertZone(timezone: string): void {
  if (!IANAZone.isValidZone(timezone)) throw new Error(`unknown time zone: ${timezone}`);
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** "2026-W47" (also "2026W47", case-insensitive) -> {year, week}. Throws on week 53 in a 52-week year. */
export function parseIsoWeek(input: string): IsoWeek {
  const m = WEEK_RE.exec(input.trim());
  if (!m) throw new Error(`not an ISO week (expected YYYY-Www): ${input}`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  // luxon knows whether the year has 52 or 53 weeks.
  const max = DateTime.fromObject({ weekYear: year, weekNumber: 1 }, { zone: 'UTC' }).weeksInWeekYear;
  if (week < 1 || week > max) throw new Error(`week ${week} does not exist in ${year} (1..${max})`);
  return { year, week };
}

function toIsoWeek(week: string | IsoWeek): IsoWeek {
  return typeof week === 'string' ? parseIsoWeek(week) : parseIsoWeek(formatIsoWeek(week));
}

/** Monday 00:00 of the week in the zone, as a luxon DateTime. */
function weekStartLocal(week: IsoWeek, timezone: string): DateTime {
  return DateTime.fromObject({ weekYear: week.year, weekNumber: week.week, weekday: 1 }, { zone: timezone }).startOf('day');
}

/** "Nov 16–22", "Nov 30–Dec 6", "Dec 28, 2026–Jan 3, 2027" (the year only when it changes). */
function rangeLabel(first: DateTime, last: DateTime): string {
  if (first.year !== last.year) {
    return `${first.toFormat('LLL d, yyyy')}–${last.toFormat('LLL d, yyyy')}`;
  }
  if (first.month !== last.month) return `${first.toFormat('LLL d')}–${last.toFormat('LLL d')}`;
  return `${first.toFormat('LLL d')}–${last.toFormat('d')}`;
}

export function weekRange(week: string | IsoWeek, timezone: string): WeekRange {
  assertZone(timezone);
  const w = toIsoWeek(week);
  const start = weekStartLocal(w, timezone);
  // plus({weeks: 1}) is calendar arithmetic in the zone: lands on Monday 00:00 even across DST.
  const end = start.plus({ weeks: 1 });
  const lastDay = end.minus({ days: 1 });
  const canonical = formatIsoWeek(w);
  return {
    start: start.toJSDate(),
    end: end.toJSDate(),
    week: canonical,
    label: `${canonical} (${rangeLabel(start.setLocale('en-US'), lastDay.setLocale('en-US'))})`,
  };
}

/** The ISO week that contains `date` as seen in the zone. */
export function isoWeekOf(date: Date, timezone: string): string {
  assertZone(timezone);
  const dt = DateTime.fromJSDate(date, { zone: timezone });
  return formatIsoWeek({ year: dt.weekYear, week: dt.weekNumber });
}

/** The week before `week` (handles 52/53-week years). */
export function weekBefore(week: string | IsoWeek): string {
  const w = toIsoWeek(week);
  // UTC is fine here: only the calendar matters, not the instant.
  const prev = DateTime.fromObject({ weekYear: w.year, weekNumber: w.week, weekday: 1 }, { zone: 'UTC' }).minus({
    weeks: 1,
  });
  return formatIsoWeek({ year: prev.weekYear, week: prev.weekNumber });
}

/** The last complete ISO week before `now` in the zone (on a Monday, the week that just ended). */
export function previousWeek(now: Date, timezone: string): string {
  return weekBefore(isoWeekOf(now, timezone));
}

/** The 7 local dates (YYYY-MM-DD) of the week, Monday first. */
export function weekDays(week: string | IsoWeek, timezone: string): string[] {
  assertZone(timezone);
  const start = weekStartLocal(toIsoWeek(week), timezone);
  return Array.from({ length: 7 }, (_, i) => start.plus({ days: i }).toISODate() as string);
}
