// Text helpers for Block Kit: everything a customer or a platform wrote passes through escapeMrkdwn()
// before it lands in mrkdwn, and every string is cut to the limit of the field it goes into.

const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cut `text` so the result (ellipsis included) is at most `max` UTF-16 code units.
 * Cuts between grapheme clusters, so an emoji or accented letter is never split in half.
 * UTF-16 length is never less than the code-point length Slack and JSON Schema count.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const budget = max - ELLIPSIS.length;
  let end = 0;
  // The segmenter is lazy, so a 1 MB message costs only as much as the kept prefix.
  for (const { index, segment } of segmenter.segment(text)) {
    if (index + segment.length > budget) break;
    end = index + segment.length;
  }
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/**
 * Escape the three characters Slack treats as control characters in mrkdwn. With `<` and `>`
 * escaped, user text cannot form `<@U…>` mentions, `<!channel>` broadcasts or `<url|text>` links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Truncate raw user text to `max` characters, then escape it (the escaped form may be longer). */
export function userText(text: string, max: number): string {
  return escapeMrkdwn(truncate(text, max));
}

/**
 * Truncate already-formatted mrkdwn without cutting through an `&amp;` entity or a `<…>` token,
 * which would otherwise leave a dangling `<` that swallows the rest of the text.
 */
export function truncateMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  let cut = truncate(mrkdwn, max);
  let body = cut.endsWith(ELLIPSIS) ? cut.slice(0, -ELLIPSIS.length) : cut;
  const lastOpen = body.lastIndexOf('<');
  if (lastOpen > body.lastIndexOf('>')) body = body.slice(0, lastOpen);
  const lastAmp = body.lastIndexOf('&');
  if (lastAmp !== -1 && !body.slice(lastAmp).includes(';')) body = body.slice(0, lastAmp);
  cut = body.trimEnd() + ELLIPSIS;
  return cut;
}

/** Quote every line (mrkdwn block quote) of user text, after truncating and escaping it. */
export function quote(text: string, max: number): string {
  const lines = truncate(text.trim(), max).split(/\r?\n/);
  return lines.map((l) => `>${escapeMrkdwn(l)}`).join('\n');
}

/** Only http(s) URLs that parse; returns the normalised href or undefined. */
export function safeUrl(url: string | null | undefined, max = 3000): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    // `|` and `>` would end a mrkdwn link early; WHATWG URL leaves `|` alone, so encode it.
    const href = u.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
    return href.length <= max ? href : undefined;
  } catch {
    return undefined;
  }
}

/** A mrkdwn link; falls back to the escaped label when the URL is unusable. */
export function link(url: string | null | undefined, label: string): string {
  const href = safeUrl(url);
  const text = escapeMrkdwn(label);
  return href ? `<${href}|${text}>` : text;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function isSlackUserId(id: string | null | undefined): id is string {
  return typeof id === 'string' && SLACK_USER_ID.test(id);
}

/** `<@U123>` for real Slack user ids; anything else is shown as escaped text, never as a mention. */
export function mention(idOrName: string | null | undefined, fallback = 'someone'): string {
  if (isSlackUserId(idOrName)) return `<@${idOrName}>`;
  return idOrName ? escapeMrkdwn(truncate(idOrName, 80)) : fallback;
}

export { formatDuration } from '../../duration.js';

export function formatMoney(money: { amount: string; currencyCode: string } | undefined | null): string {
  if (!money) return '—';
  const n = Number(money.amount);
  if (!Number.isFinite(n)) return `${money.amount} ${money.currencyCode}`.trim();
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currencyCode }).format(n);
  } catch {
    // Unknown currency code: show the raw pair rather than fail the whole card.
    return `${n.toFixed(2)} ${money.currencyCode}`;
  }
}

/** YYYY-MM-DD in UTC, or the raw input if it doesn't parse. */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return typeof iso === 'string' ? iso : '—';
  return d.toISOString().slice(0, 10);
}

/**
 * Slack's date token: each reader sees the time in their own zone; the fallback (UTC) shows in
 * notifications and old clients.
 */
export function slackDate(date: Date, format = '{date_short_pretty} {time}'): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^${format}|${fallback}>`;
}

/** PARTIALLY_REFUNDED -> "Partially refunded". */
export function humanize(status: string | null | undefined): string {
  if (!status) return '—';
  const s = status.replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
