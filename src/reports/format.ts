// Text helpers for the report message: durations people can read at a glance and safe mrkdwn.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Seconds -> the two most significant units: "45s", "4m 30s", "2h 5m", "3d 4h".
 * Rounded to whole seconds first so "59.6s" becomes "1m" rather than "60s"; zero-valued second
 * units are dropped ("2h", not "2h 0m"). null/undefined -> "–".
 */
export function humanizeDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const sign = seconds < 0 ? '-' : '';
  let s = Math.round(Math.abs(seconds));
  if (s < MINUTE) return `${sign}${s}s`;
  const units: Array<[number, string]> = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [1, 's'],
  ];
  // Round the whole value to the smaller shown unit so 2h 59m 50s shows as "3h", not "2h 60m";
  // rounding can carry into a bigger unit (23h 59m 40s -> 24h), so pick the unit again after it.
  let i = units.findIndex(([size]) => s >= size);
  s = Math.round(s / (units[i + 1] as [number, string])[0]) * (units[i + 1] as [number, string])[0];
  i = units.findIndex(([size]) => s >= size);
  const [bigSize, bigName] = units[i] as [number, string];
  const [smallSize, smallName] = units[i + 1] as [number, string];
  s = Math.round(s / smallSize) * smallSize;
  const big = Math.floor(s / bigSize);
  const small = Math.round((s - big * bigSize) / smallSize);
  return small === 0 ? `${sign}${big}${bigName}` : `${sign}${big}${bigName} ${small}${smallName}`;
}

/** The one mrkdwn escaper, re-exported for the report's builders. */
export { escapeMrkdwn } from '../slack/blocks/text.js';

/** Cuts to `max` characters with an ellipsis (Block Kit rejects over-long text outright). */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** 0.123 -> "12%"; values under 1 % but above zero -> "<1%". null -> "–". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  const pct = share * 100;
  if (pct > 0 && pct < 1) return '<1%';
  return `${Math.round(pct)}%`;
}

/** 1234567 -> "1,234,567" (fixed locale so output does not depend on the host). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
