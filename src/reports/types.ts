// The shapes the weekly report's metrics read and produce (definitions: see metrics.ts).
import type { Distribution } from './stats.js';

/** The Escalation columns the report reads (a Prisma Escalation row satisfies this). */
export interface ReportEscalation {
  id: string;
  platform: string;
  priority: string;
  vip: boolean;
  reason?: string | null;
  labels?: readonly string[] | null;
  status?: string;
  firstEscalatedAt: Date;
  claimedAt?: Date | null;
  claimedBySlackId?: string | null;
  resolvedAt?: Date | null;
  /** A Slack user id when resolved from Slack, else the platform agent's name. */
  resolvedBy?: string | null;
  /** Labels the AI triage suggested (ESCALATION_LABELS only). */
  suggestedLabels?: readonly string[] | null;
}

/** The AiDraft columns the report reads. */
export interface ReportDraft {
  createdAt: Date;
  /** shown | sent_unchanged | sent_edited | discarded */
  outcome: string;
}

export interface AiUsage {
  drafts: { total: number; sentUnchanged: number; sentEdited: number; notSent: number };
  labels: { suggested: number; accepted: number };
}

/** The AuditEntry columns the report reads. */
export interface ReportAuditEntry {
  escalationId: string;
  action: string;
  actorSlackId?: string | null;
  actorName?: string | null;
  /** For 'assigned': {assignee, claimedToo}. */
  detail?: unknown;
  createdAt: Date;
}

export interface Count {
  key: string;
  count: number;
}

export interface AgentMetrics {
  /** Slack user id when known (rendered as a mention); null for a platform-only agent. */
  slackId: string | null;
  /** Platform agent name when there is no Slack id. */
  name: string | null;
  claimed: number;
  resolved: number;
  /** Seconds; null when the agent resolved nothing in the cohort. */
  medianTimeToResolve: number | null;
}

export interface DayMetrics {
  /** Local date in the report time zone, YYYY-MM-DD. */
  date: string;
  escalations: number;
  /** Seconds, over escalations first escalated that day and claimed before week end. */
  medianTimeToClaim: number | null;
}

export interface WeeklyMetrics {
  week: string;
  label: string;
  timezone: string;
  start: Date;
  end: Date;
  slaClaimMinutes: number;
  total: number;
  byPlatform: Count[];
  byReason: Count[];
  byLabel: Count[];
  /** urgent, high, normal, low always present (zeros included), unknown values after them. */
  byPriority: Count[];
  vipCount: number;
  /** vipCount / total, null for an empty week. */
  vipShare: number | null;
  /** Seconds. */
  timeToClaim: Distribution;
  /** Seconds. */
  timeToResolve: Distribution;
  slaBreaches: number;
  slaBreakdown: { claimedLate: number; unclaimedOverdue: number };
  unclaimedAtWeekEnd: number;
  unresolvedAtWeekEnd: number;
  perAgent: AgentMetrics[];
  perDay: DayMetrics[];
  /** Only when the AI drafted or suggested anything this week. */
  ai?: AiUsage;
}
