// The words stored in PostgreSQL's string columns, defined once. Code writes and compares these
// constants (the compiler then catches a typo); anything not listed here is never written.

/** Escalation.status */
export const STATUS = { open: 'open', claimed: 'claimed', resolved: 'resolved' } as const;
export type EscalationStatus = (typeof STATUS)[keyof typeof STATUS];

/** Escalation.priority, least urgent first (rules only ever raise it). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Escalation.platformSyncState: how mirroring the last Slack action to the platform went. */
export const SYNC = { ok: 'ok', pending: 'pending', failed: 'failed', missing: 'missing' } as const;
export type SyncState = (typeof SYNC)[keyof typeof SYNC];

/** AuditEntry.action */
export const AUDIT = {
  // from the platform
  escalated: 'escalated',
  re_escalated: 're_escalated',
  platform_assigned: 'platform_assigned',
  // from Slack (resolved and reopened also from the platform: see AuditEntry.source)
  claimed: 'claimed',
  released: 'released',
  assigned: 'assigned',
  labelled: 'labelled',
  resolved: 'resolved',
  reopened: 'reopened',
  /** A refused click (who tried what, and why not). */
  rejected: 'rejected',
  /** Someone who is not an agent tried to act or look (src/access). */
  refused: 'refused',
} as const;
export type AuditAction = (typeof AUDIT)[keyof typeof AUDIT];

/** SlaReminder.kind: which service-level clock ran out (src/sla). */
export const SLA_KIND = { claim: 'claim', first_reply: 'first_reply' } as const;
export const SLA_KINDS = [SLA_KIND.claim, SLA_KIND.first_reply] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/** SlaReminder.status: skipped = met or moved before delivery; failed = Slack refused it for good. */
export const REMINDER = { pending: 'pending', sending: 'sending', sent: 'sent', skipped: 'skipped', failed: 'failed' } as const;
/** SlaReminder.mode: delivered on its own, or as part of a storm summary. */
export const REMINDER_MODE = { individual: 'individual', summary: 'summary' } as const;
export type ReminderMode = (typeof REMINDER_MODE)[keyof typeof REMINDER_MODE];

/** AuditEntry.source */
export type AuditSource = 'slack' | 'platform' | 'system';
/** AuditEntry.outcome: a Slack action whose platform sync is still running is 'pending'. */
export type AuditOutcome = 'ok' | 'failed' | 'pending';
