// A Slack message as plain text for the chat platform's note: `<@U…>` becomes @name, channel and
// broadcast tokens their readable form, `<url|label>` "label (url)", and Slack's three escaped
// characters are decoded. The platform shows text, not Slack's markup.
const TOKEN = /<([^<>]+)>/g;

export async function plainFromSlack(text: string, nameOf: (userId: string) => Promise<string>): Promise<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const inner = m[1] ?? '';
    if (inner.startsWith('@')) ids.add(inner.slice(1).split('|')[0] ?? '');
  }
  const names = new Map<string, string>();
  for (const id of ids) names.set(id, await nameOf(id).catch(() => id));
  const out = text.replace(TOKEN, (_all, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? names.get(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) {
      const word = target.slice(1).split('^')[0] ?? '';
      return label ?? (word.startsWith('subteam') ? '@group' : `@${word}`);
    }
    if (!label || label === target || target === `mailto:${label}`) return label ?? target;
    return `${label} (${target})`;
  });
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
