// The one duration formatter. Two styles, because a running clock and a summary figure read
// differently: the card's "waiting 1h 05m" is floored and padded like a clock, the report's
// "median 2h 5m" is rounded to its two most significant units.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DurationStyle = 'clock' | 'rounded';

/**
 * clock (default): "45s", "12m", "3h 05m", "2d 4h"; floored; negative spans (clock skew) read 0s.
 * rounded: "45s", "4m 30s", "2h 5m", "3h", "3d 4h"; rounded to whole seconds, then to the smaller
 * shown unit (2h 59m 50s -> "3h"); zero second units dropped; a negative span keeps its sign.
 */
export function formatDuration(ms: number, style: DurationStyle = 'clock'): string {
  return style === 'clock' ? clock(ms) : rounded(ms);
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / SECOND));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

const UNITS: Array<[number, string]> = [
  [DAY, 'd'],
  [HOUR, 'h'],
  [MINUTE, 'm'],
  [SECOND, 's'],
];

function rounded(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let v = Math.round(Math.abs(ms) / SECOND) * SECOND;
  if (v < MINUTE) return `${sign}${v / SECOND}s`;
  // Round to the smaller shown unit; that can carry into a bigger unit (23h 59m 40s -> 24h), so
  // pick the unit again after it.
  let i = UNITS.findIndex(([size]) => v >= size);
  const smaller = (UNITS[i + 1] as [number, string])[0];
  v = Math.round(v / smaller) * smaller;
  i = UNITS.findIndex(([size]) => v >= size);
  const [bigSize, bigName] = UNITS[i] as [number, string];
  const [smallSize, smallName] = UNITS[i + 1] as [number, string];
  const big = Math.floor(v / bigSize);
  const small = Math.round((v - big * bigSize) / smallSize);
  return small === 0 ? `${sign}${big}${bigName}` : `${sign}${big}${bigName} ${small}${smallName}`;
}
