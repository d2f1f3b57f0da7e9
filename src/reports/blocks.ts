// The weekly report as one Slack message (Block Kit). Pure: metrics in, { text, blocks } out.
// Limits honoured (Slack rejects the whole message otherwise): ≤50 blocks, header ≤150 chars,
// section text ≤3000, ≤10 fields of ≤2000 chars, ≤10 context elements. User-derived strings
// (reasons, labels, agent names, API errors) are mrkdwn-escaped.
import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { PLATFORMS } from '../platforms/list.js';
import type { PlatformReportSummary } from '../platforms/types.js';
import { clamp, escapeMrkdwn, formatCount, formatShare, humanizeDuration } from './format.js';
import type { Count, WeeklyMetrics } from './metrics.js';
import { change, formatChange } from './stats.js';

export interface PlatformSection {
  platformName: string;
  /** The Escalation.platform id; when absent it is derived from the name ("Oscar Chat" -> oscarchat). */
  platformId?: string;
  summary?: PlatformReportSummary;
  /** Set when the platform's reporting API failed: the section becomes a one-line note. */
  error?: string;
}

export interface ReportMessageOptions {
  timezone: string;
  /** Agents listed in "People" (default 10). */
  topAgents?: number;
  /** Rows per breakdown list (default 8). */
  topRows?: number;
  /** Display names for platform ids; known ids have defaults. */
  platformNames?: Record<string, string>;
  /** The uploaded chart, when the caller has one to show inline. */
  chart?: { imageUrl: string } | { slackFileId: string };
}

export interface ReportMessage {
  text: string;
  blocks: KnownBlock[];
}

const MAX_BLOCKS = 50;
const DEFAULT_PLATFORM_NAMES: Record<string, string> = Object.fromEntries(PLATFORMS.map((p) => [p.id, p.displayName]));

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const mrkdwn = (text: string, max = 3000) => ({ type: 'mrkdwn' as const, text: clamp(text, max) });

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function fieldsSection(fields: string[]): SectionBlock {
  return { type: 'section', fields: fields.slice(0, 10).map((f) => mrkdwn(f, 2000)) };
}

function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, 10).map((t) => mrkdwn(t)) };
}

/** "↑ 10%" against last week, or "" when there is nothing to compare with. */
function wow(current: number | null, previous: number | null | undefined): string {
  if (current === null || previous === null || previous === undefined) return '';
  return `  ${formatChange(change(current, previous))}`;
}

/** Bullet lines "• key: n (share)", top `max` rows then "…and N more". */
function countLines(rows: Count[], total: number, max: number, name: (k: string) => string = (k) => k): string {
  const shown = rows.filter((r) => r.count > 0);
  if (shown.length === 0) return '_none_';
  const lines = shown
    .slice(0, max)
    .map((r) => `• ${escapeMrkdwn(name(r.key))}: ${formatCount(r.count)} (${formatShare(r.count / total)})`);
  const rest = shown.slice(max);
  if (rest.length) {
    lines.push(`• …and ${rest.length} more (${formatCount(rest.reduce((s, r) => s + r.count, 0))})`);
  }
  return lines.join('\n');
}

function formatRate(rate: number): string {
  // Oscar's seed calls bot_resolution_rate a percentage but multiplies it by 100: accept both.
  return formatShare(rate <= 1 ? rate : rate / 100);
}

function formatCsat(csat: number): string {
  return csat <= 5 ? `${csat.toFixed(1)} / 5` : csat.toFixed(1);
}

function platformBlocks(m: WeeklyMetrics, s: PlatformSection, displayName: string): KnownBlock[] {
  const name = escapeMrkdwn(displayName);
  if (s.error !== undefined || !s.summary) {
    const why = s.error ? `: ${escapeMrkdwn(clamp(s.error.replace(/\s+/g, ' '), 200))}` : '';
    return [context([`:warning: ${name} report unavailable${why}`])];
  }
  const sum = s.summary;
  const id = s.platformId ?? normalize(s.platformName);
  const escalations = m.byPlatform.find((c) => normalize(c.key) === normalize(id))?.count ?? 0;
  const fields: string[] = [];
  if (sum.conversations !== undefined) {
    fields.push(`*Conversations*\n${formatCount(sum.conversations)}`);
    const share = sum.conversations > 0 ? formatShare(escalations / sum.conversations) : '–';
    fields.push(`*Needed a human*\n${share} (${formatCount(escalations)} escalated)`);
  }
  if (sum.botResolutionRate !== undefined) fields.push(`*Bot resolution rate*\n${formatRate(sum.botResolutionRate)}`);
  if (sum.avgFirstResponseSeconds !== undefined) {
    fields.push(`*Avg first response*\n${humanizeDuration(sum.avgFirstResponseSeconds)}`);
  }
  if (sum.avgResolutionSeconds !== undefined) {
    fields.push(`*Avg resolution*\n${humanizeDuration(sum.avgResolutionSeconds)}`);
  }
  if (sum.csat !== undefined) fields.push(`*CSAT*\n${formatCsat(sum.csat)}`);
  const title = section(`*${name}* · platform report`);
  return fields.length ? [title, fieldsSection(fields)] : [context([`${name} report returned no figures`])];
}

function agentLabel(a: { slackId: string | null; name: string | null }): string {
  return a.slackId ? `<@${a.slackId}>` : escapeMrkdwn(a.name ?? 'unknown');
}

export function buildReportMessage(
  m: WeeklyMetrics,
  prev: WeeklyMetrics | null,
  platformSections: PlatformSection[],
  opts: ReportMessageOptions,
): ReportMessage {
  const topAgents = opts.topAgents ?? 10;
  const topRows = opts.topRows ?? 8;
  const names = { ...DEFAULT_PLATFORM_NAMES, ...opts.platformNames };
  const platformName = (id: string) => names[id] ?? id;
  const title = `Weekly support report · ${m.label}`;
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: opts.timezone }).setLocale('en-US').toFormat('ccc LLL d HH:mm');
  const head: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clamp(title, 150) } }];
  const body: KnownBlock[] = [];
  let text: string;

  if (m.total === 0) {
    const last = prev ? ` (last week: ${formatCount(prev.total)})` : '';
    body.push(section(`*No escalations this week.*${last}`));
    text = `${title}: no escalations this week.`;
  } else {
    const ttc = m.timeToClaim;
    const ttr = m.timeToResolve;
    body.push(
      fieldsSection([
        `*Escalations*\n${formatCount(m.total)}${wow(m.total, prev?.total)}`,
        `*VIP*\n${formatCount(m.vipCount)} (${formatShare(m.vipShare)})`,
        `*Median time to claim*\n${humanizeDuration(ttc.median)}${wow(ttc.median, prev?.timeToClaim.median)}`,
        `*Median time to resolve*\n${humanizeDuration(ttr.median)}${wow(ttr.median, prev?.timeToResolve.median)}`,
        `*SLA breaches* (claim > ${m.slaClaimMinutes} min)\n${formatCount(m.slaBreaches)}${wow(m.slaBreaches, prev?.slaBreaches)}`,
        `*Unresolved at week end*\n${formatCount(m.unresolvedAtWeekEnd)}${wow(m.unresolvedAtWeekEnd, prev?.unresolvedAtWeekEnd)}`,
      ]),
      fieldsSection([
        `*Time to claim*\nmedian ${humanizeDuration(ttc.median)} · p90 ${humanizeDuration(ttc.p90)} (${ttc.count} claimed)`,
        `*Time to resolve*\nmedian ${humanizeDuration(ttr.median)} · p90 ${humanizeDuration(ttr.p90)} (${ttr.count} resolved)`,
        `*SLA breaches*\n${m.slaBreakdown.claimedLate} claimed late · ${m.slaBreakdown.unclaimedOverdue} unclaimed past SLA`,
        `*Unclaimed at week end*\n${formatCount(m.unclaimedAtWeekEnd)}`,
      ]),
      { type: 'divider' },
      fieldsSection([
        `*By platform*\n${countLines(m.byPlatform, m.total, topRows, platformName)}`,
        `*By priority*\n${countLines(m.byPriority, m.total, topRows)}`,
        `*By reason*\n${countLines(m.byReason, m.total, topRows)}`,
        `*By label*\n${countLines(m.byLabel, m.total, topRows)}`,
      ]),
    );
    if (m.perAgent.length) {
      const lines = m.perAgent
        .slice(0, topAgents)
        .map(
          (a) =>
            `• ${agentLabel(a)}: claimed ${a.claimed} · resolved ${a.resolved}` +
            (a.medianTimeToResolve === null ? '' : ` · median to resolve ${humanizeDuration(a.medianTimeToResolve)}`),
        );
      if (m.perAgent.length > topAgents) lines.push(`• …and ${m.perAgent.length - topAgents} more`);
      body.push({ type: 'divider' }, section(`*People*\n${lines.join('\n')}`));
    }
    text =
      `${title}: ${formatCount(m.total)} escalations${wow(m.total, prev?.total)}, ` +
      `median time to claim ${humanizeDuration(ttc.median)}, ${m.slaBreaches} SLA breaches, ` +
      `${m.unresolvedAtWeekEnd} unresolved at week end.`;
  }

  const tail: KnownBlock[] = [];
  if (opts.chart) {
    const alt = 'Escalations per day (bars) and median time to claim per day (line)';
    tail.push(
      'imageUrl' in opts.chart
        ? { type: 'image', image_url: opts.chart.imageUrl, alt_text: alt }
        : { type: 'image', slack_file: { id: opts.chart.slackFileId }, alt_text: alt },
    );
  }
  tail.push(
    context([
      `Week ${local(m.start)} – ${local(m.end)} (${escapeMrkdwn(opts.timezone)}) · ` +
        'figures as of week end · median/p90 by linear interpolation · times from first escalation',
    ]),
  );

  // Platform context goes last before the footer and is the part that gives way if blocks run out.
  const room = MAX_BLOCKS - head.length - body.length - tail.length - 1;
  const platform: KnownBlock[] = [];
  for (const s of platformSections) platform.push(...platformBlocks(m, s, s.platformName));
  if (platform.length && room > 0) body.push({ type: 'divider' }, ...platform.slice(0, Math.max(0, room)));

  return { text: clamp(text, 3000), blocks: [...head, ...body, ...tail] };
}
