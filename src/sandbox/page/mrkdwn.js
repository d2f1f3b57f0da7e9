// Slack mrkdwn to HTML, enough for what handoff writes: *bold*, _italic_, ~strike~, `code`,
// ```pre```, > quotes, <url|label> links, <@U…> mentions, <!here>, :emoji: and line breaks.
// Slack text arrives with &, < and > escaped; anything else is escaped here before formatting.
(() => {
  const EMOJI = {
    warning: '⚠️',
    label: '🏷️',
    bust_in_silhouette: '👤',
    white_check_mark: '✅',
    tada: '🎉',
    mag: '🔍',
    x: '❌',
    rotating_light: '🚨',
    raising_hand: '🙋',
    arrows_counterclockwise: '🔄',
    shopping_bags: '🛍️',
    robot_face: '🤖',
    repeat: '🔁',
    package: '📦',
    no_entry: '⛔',
    leftwards_arrow_with_hook: '↩️',
    information_source: 'ℹ️',
    inbox_tray: '📥',
    hourglass_flowing_sand: '⏳',
    hourglass: '⌛',
    home: '🏠',
    star: '⭐',
    speech_balloon: '💬',
    email: '📧',
    link: '🔗',
    moneybag: '💰',
    truck: '🚚',
    credit_card: '💳',
    gem: '💎',
    fire: '🔥',
    clock3: '🕒',
    calendar: '📅',
    bar_chart: '📊',
    chart_with_upwards_trend: '📈',
    eyes: '👀',
    memo: '📝',
    pushpin: '📌',
    red_circle: '🔴',
    large_orange_circle: '🟠',
    large_yellow_circle: '🟡',
    white_circle: '⚪',
    heavy_check_mark: '✔️',
    thumbsup: '👍',
    thumbsdown: '👎',
    telephone_receiver: '📞',
    zap: '⚡',
    lock: '🔒',
    crown: '👑',
    sparkles: '✨',
  };

  const escapeHtml = (s) =>
    s
      .replace(/&(?!(amp|lt|gt|quot|#\d+);)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');

  const END = '(?=$|[\\s).,:;!?<\uE001])';
  const span = (mark) => new RegExp(`(^|[\\s(>\uE000])\\${mark}(\\S(?:[^\\n]*?\\S)?)\\${mark}${END}`, 'g');
  const BOLD = span('*');
  const ITALIC = span('_');
  const STRIKE = span('~');

  function inline(text) {
    return text
      .replace(/`([^`\n]+)`/g, (_, c) => `<code>${c}</code>`)
      .replace(BOLD, '$1<b>$2</b>')
      .replace(ITALIC, '$1<i>$2</i>')
      .replace(STRIKE, '$1<s>$2</s>')
      .replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m);
  }

  /** One <...> token: a link, a mention or a special command. */
  function token(inner, users) {
    const [target, label] = inner.split('|');
    if (target.startsWith('@')) {
      const name = users.get(target.slice(1)) ?? target.slice(1);
      return `<span class="mention">@${escapeHtml(name)}</span>`;
    }
    if (target.startsWith('#')) return `<span class="mention">#${escapeHtml(label ?? target.slice(1))}</span>`;
    // <!date^1700000000^{date_short_pretty}|fallback>: the fallback is the time as text.
    if (target.startsWith('!date')) return escapeHtml(label ?? target);
    if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(target.slice(1).split('^')[0])}</span>`;
    if (/^(https?:|mailto:)/.test(target)) {
      return `<a href="${escapeHtml(target)}" target="_blank" rel="noopener">${escapeHtml(label ?? target)}</a>`;
    }
    return escapeHtml(`<${inner}>`);
  }

  function mrkdwn(text, users = new Map()) {
    const out = [];
    const blocks = String(text ?? '').split(/```/);
    blocks.forEach((part, i) => {
      if (i % 2 === 1) {
        out.push(`<pre>${escapeHtml(part)}</pre>`);
        return;
      }
      const lines = part.split('\n').map((line) => {
        const quote = /^(&gt;|>)\s?/.exec(line);
        const body = quote ? line.slice(quote[0].length) : line;
        // Links and mentions become placeholders first, so *<url|label>* can still be bold.
        const tokens = [];
        const marked = body.replace(/<([^<>]+)>/g, (_, inner) => `\uE000${tokens.push(token(inner, users)) - 1}\uE001`);
        const html = inline(escapeHtml(marked)).replace(/\uE000(\d+)\uE001/g, (_, i) => tokens[Number(i)]);
        return quote ? `<blockquote>${html}</blockquote>` : html;
      });
      out.push(lines.join('<br>').replace(/<\/blockquote><br><blockquote>/g, '<br>'));
    });
    return out.join('');
  }

  window.sandboxText = { mrkdwn, escapeHtml, emoji: (s) => String(s).replace(/:([a-z0-9_+-]+):/g, (m, n) => EMOJI[n] ?? m) };
})();
