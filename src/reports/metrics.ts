// Weekly report metrics: a pure function of the rows the caller loaded (no DB access here).
//
// Definitions (also in the README, "What the figures mean"):
// - Cohort: escalations whose firstEscalatedAt lies in [week start, week end) in REPORT_TIMEZONE.
//   A conversation first escalated in an earlier week is not counted again when re-escalated.
// - Snapshot at week end: claims and resolutions at or after the week end are ignored, so the
//   report says what was true on Sunday 24:00 and re-running it later gives the same figures.
// - Time to claim: first escalation -> first claim in the audit: a 'claimed' entry, or an
//   'assigned' entry that claimed too (assigning an unclaimed escalation makes the assignee its
//   claimer). Falls back to claimedAt when the escalation has no claim entries at all (rows older
//   than the audit trail). 'rejected' entries (refused clicks, e.g. a second Claim) never count.
// - Time to resolve: first escalation -> the FINAL resolution before week end. A conversation that
//   was resolved, reopened and resolved again counts once, with the whole span up to the last
//   resolve: that is what the customer lived through. Reopened and still open at week end means
//   unresolved. Without resolve/reopen audit entries, resolvedAt is used.
// - SLA breach: the claim deadline of src/sla/policy.ts (SLA_CLAIM_MINUTES, or the urgent/VIP
//   one, counted inside BUSINESS_HOURS when set; the same one the reminders use) from the first
//   escalation: claimed after it; or never claimed before the cut-off although the deadline passed
//   before it and it was not resolved by the deadline (resolved on the platform in time without a
//   Slack claim is not a breach). The cut-off is the week's end, or now for a week still running:
//   a deadline that has not passed yet is not a breach.
// - Per agent: over the cohort. claimed = escalations the agent claimed (each claimer counts once
//   per escalation, so claim/release/claim by others credits both); resolved = escalations whose
//   final resolution was by the agent; median time to resolve over those.
import { DateTime } from 'luxon';
import { claimBreach, type SlaPolicy } from '../sla/policy.js';
import { reasonInWords } from '../escalations/reason.js';
import { distribution, median } from './stats.js';
import { computeAiUsage } from './ai-usage.js';
import type { AgentMetrics, Count, ReportAuditEntry, ReportDraft, ReportEscalation, WeeklyMetrics } from './types.js';
import { weekDays, weekRange } from './week.js';
import { isClaimEntry } from '../escalations/time-to-claim.js';
import { AUDIT, PRIORITIES } from '../vocabulary.js';

export type { AgentMetrics, Count, DayMetrics, ReportAuditEntry, ReportEscalation, WeeklyMetrics } from './types.js';

export interface WeeklyMetricsInput {
  week: string;
  timezone: string;
  slaClaimMinutes: number;
  /** The SLA definition; default: SLA_CLAIM_MINUTES, half of it for urgent and VIP, no business hours. */
  sla?: SlaPolicy;
  /** The cut-off for a week still running (default: the clock). */
  now?: Date;
  escalations: readonly ReportEscalation[];
  audit: readonly ReportAuditEntry[];
  drafts?: readonly ReportDraft[];
}

/** The claimer an audit entry makes, or undefined when it is not a claim. */
function claimOf(a: ReportAuditEntry): { actor: Actor | null } | undefined {
  if (!isClaimEntry(a)) return undefined;
  if (a.action === AUDIT.claimed) return { actor: actorFrom(a.actorSlackId, a.actorName) };
  const d = (a.detail ?? {}) as { assignee?: unknown };
  return { actor: actorFrom(typeof d.assignee === 'string' ? d.assignee : null, null) };
}
const RESOLVE_ACTIONS = new Set<string>([AUDIT.resolved]);
// A re-escalation of a resolved conversation reopens it; on an open one it changes nothing.
const REOPEN_ACTIONS = new Set<string>([AUDIT.reopened, AUDIT.re_escalated]);
const PRIORITY_ORDER: string[] = [...PRIORITIES].reverse();
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

interface Actor {
  slackId: string | null;
  name: string | null;
}

function actorFrom(slackId: string | null | undefined, name: string | null | undefined): Actor | null {
  if (slackId) return { slackId, name: null };
  if (name) return SLACK_USER_ID.test(name) ? { slackId: name, name: null } : { slackId: null, name };
  return null;
}

function sortCounts(map: Map<string, number>): Count[] {
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function computeWeeklyMetrics(input: WeeklyMetricsInput): WeeklyMetrics {
  const { timezone, slaClaimMinutes } = input;
  if (!(slaClaimMinutes > 0)) throw new RangeError('slaClaimMinutes must be positive');
  const range = weekRange(input.week, timezone);
  const startMs = range.start.getTime();
  const endMs = range.end.getTime();
  const sla: SlaPolicy = input.sla ?? { claimMinutes: slaClaimMinutes, urgentClaimMinutes: slaClaimMinutes / 2 };
  const cutoff = Math.min(endMs, (input.now ?? new Date()).getTime());

  // Local midnights, computed once in the zone: bucketing by comparison is DST-correct and avoids
  // a time-zone conversion per row.
  const days = weekDays(range.week, timezone);
  const dayStarts = days.map((d) => DateTime.fromISO(d, { zone: timezone }).toMillis());

  const cohort = input.escalations.filter((e) => {
    const t = e.firstEscalatedAt.getTime();
    return t >= startMs && t < endMs;
  });
  const ids = new Set(cohort.map((e) => e.id));

  // Audit per escalation, oldest first, only for the cohort.
  const auditBy = new Map<string, ReportAuditEntry[]>();
  for (const a of input.audit) {
    if (!ids.has(a.escalationId)) continue;
    const list = auditBy.get(a.escalationId);
    if (list) list.push(a);
    else auditBy.set(a.escalationId, [a]);
  }
  for (const list of auditBy.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const byPlatform = new Map<string, number>();
  const byReason = new Map<string, number>();
  const byLabel = new Map<string, number>();
  const byPriority = new Map<string, number>(PRIORITY_ORDER.map((p) => [p, 0]));
  const claimTimes: number[] = [];
  const resolveTimes: number[] = [];
  const dayClaimTimes: number[][] = days.map(() => []);
  const dayCounts = days.map(() => 0);
  const agents = new Map<string, { actor: Actor; claimed: number; resolveTimes: number[] }>();
  const agentFor = (actor: Actor) => {
    const key = actor.slackId ? `u:${actor.slackId}` : `n:${actor.name}`;
    let a = agents.get(key);
    if (!a) {
      a = { actor, claimed: 0, resolveTimes: [] };
      agents.set(key, a);
    }
    return a;
  };
  let vipCount = 0;
  let claimedLate = 0;
  let unclaimedOverdue = 0;
  let unclaimedAtWeekEnd = 0;
  let unresolvedAtWeekEnd = 0;

  for (const e of cohort) {
    const first = e.firstEscalatedAt.getTime();
    bump(byPlatform, e.platform);
    bump(byReason, e.reason?.trim() ? reasonInWords(e.reason) : 'unspecified');
    for (const label of new Set((e.labels ?? []).map((l) => l.trim()).filter(Boolean))) bump(byLabel, label);
    bump(byPriority, e.priority);
    if (e.vip) vipCount++;

    let day = 0;
    while (day < 6 && first >= (dayStarts[day + 1] as number)) day++;
    dayCounts[day] = (dayCounts[day] as number) + 1;

    const events = (auditBy.get(e.id) ?? []).filter((a) => a.createdAt.getTime() < endMs);
    const everAudited = auditBy.get(e.id) ?? [];

    // --- claim ---
    let claimAt: number | null = null;
    const claimers = new Map<string, Actor>();
    if (everAudited.some((a) => claimOf(a))) {
      for (const a of events) {
        const claim = claimOf(a);
        if (!claim) continue;
        claimAt ??= a.createdAt.getTime();
        const actor = claim.actor;
        if (actor) claimers.set(actor.slackId ?? `n:${actor.name}`, actor);
      }
    } else if (e.claimedAt && e.claimedAt.getTime() < endMs) {
      claimAt = e.claimedAt.getTime();
      const actor = actorFrom(e.claimedBySlackId, null);
      if (actor) claimers.set(actor.slackId as string, actor);
    }
    for (const actor of claimers.values()) agentFor(actor).claimed++;

    // --- resolution state at week end ---
    let resolvedAt: number | null = null;
    let firstResolvedAt: number | null = null;
    let resolver: Actor | null = null;
    if (everAudited.some((a) => RESOLVE_ACTIONS.has(a.action) || REOPEN_ACTIONS.has(a.action))) {
      for (const a of events) {
        if (RESOLVE_ACTIONS.has(a.action)) {
          resolvedAt = a.createdAt.getTime();
          firstResolvedAt ??= resolvedAt;
          resolver = actorFrom(a.actorSlackId, a.actorName) ?? actorFrom(null, e.resolvedBy);
        } else if (REOPEN_ACTIONS.has(a.action)) {
          resolvedAt = null;
          resolver = null;
        }
      }
    } else if (e.resolvedAt && e.resolvedAt.getTime() < endMs) {
      resolvedAt = firstResolvedAt = e.resolvedAt.getTime();
      resolver = actorFrom(null, e.resolvedBy);
    }

    // --- figures ---
    if (claimAt !== null) {
      const ttc = Math.max(0, claimAt - first) / 1000;
      claimTimes.push(ttc);
      (dayClaimTimes[day] as number[]).push(ttc);
    } else {
      unclaimedAtWeekEnd++;
    }
    const breach = claimBreach(sla, { priority: e.priority, vip: e.vip, startedAt: e.firstEscalatedAt }, { claimedAt: claimAt, firstResolvedAt, cutoff });
    if (breach === 'claimed_late') claimedLate++;
    else if (breach === 'unclaimed_overdue') unclaimedOverdue++;
    if (resolvedAt !== null) {
      const ttr = Math.max(0, resolvedAt - first) / 1000;
      resolveTimes.push(ttr);
      if (resolver) agentFor(resolver).resolveTimes.push(ttr);
    } else {
      unresolvedAtWeekEnd++;
    }
  }

  const perAgent: AgentMetrics[] = [...agents.values()]
    .map((a) => ({
      slackId: a.actor.slackId,
      name: a.actor.name,
      claimed: a.claimed,
      resolved: a.resolveTimes.length,
      medianTimeToResolve: median(a.resolveTimes),
    }))
    .sort(
      (a, b) =>
        b.resolved - a.resolved || b.claimed - a.claimed || (a.slackId ?? a.name ?? '').localeCompare(b.slackId ?? b.name ?? ''),
    );

  // Known priorities in severity order (zeros kept), anything unexpected after them.
  const priorities: Count[] = PRIORITY_ORDER.map((key) => ({ key, count: byPriority.get(key) ?? 0 }));
  for (const c of sortCounts(byPriority)) if (!PRIORITY_ORDER.includes(c.key)) priorities.push(c);

  return {
    week: range.week,
    label: range.label,
    timezone,
    start: range.start,
    end: range.end,
    slaClaimMinutes,
    total: cohort.length,
    byPlatform: sortCounts(byPlatform),
    byReason: sortCounts(byReason),
    byLabel: sortCounts(byLabel),
    byPriority: priorities,
    vipCount,
    vipShare: cohort.length ? vipCount / cohort.length : null,
    timeToClaim: distribution(claimTimes),
    timeToResolve: distribution(resolveTimes),
    slaBreaches: claimedLate + unclaimedOverdue,
    slaBreakdown: { claimedLate, unclaimedOverdue },
    unclaimedAtWeekEnd,
    unresolvedAtWeekEnd,
    perAgent,
    perDay: days.map((date, i) => ({
      date,
      escalations: dayCounts[i] as number,
      medianTimeToClaim: median(dayClaimTimes[i] as number[]),
    })),
    ...aiPart(cohort, input.drafts ?? [], startMs, endMs),
  };
}

function aiPart(cohort: readonly ReportEscalation[], drafts: readonly ReportDraft[], startMs: number, endMs: number) {
  const ai = computeAiUsage(cohort, drafts, startMs, endMs);
  return ai ? { ai } : {};
}
