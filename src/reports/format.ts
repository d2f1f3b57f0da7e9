// Text helpers for the report message: durations people can read at a glance and safe mrkdwn.
import { formatDuration } from '../duration.js';

/** Seconds -> the report's rounded two-unit form ("4m 30s", "2h 5m", "3h"); null/undefined -> "–". */
export function humanizeDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  return formatDuration(seconds * 1000, 'rounded');
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
