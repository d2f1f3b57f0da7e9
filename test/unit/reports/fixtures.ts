// Fixture builders for the report's pure metrics: escalations and audit entries as the loader
// returns them.
import type { ReportAuditEntry, ReportEscalation } from '../../../src/reports/metrics.js';

let n = 0;

export function esc(firstEscalatedAt: string, fields: Partial<ReportEscalation> = {}): ReportEscalation {
  n += 1;
  return {
    id: `esc-${n}`,
    platform: 'oscarchat',
    priority: 'normal',
    vip: false,
    reason: 'Customer asked for a human',
    labels: [],
    firstEscalatedAt: new Date(firstEscalatedAt),
    ...fields,
  };
}

export function audit(
  e: ReportEscalation,
  action: string,
  at: string | number,
  fields: Partial<ReportAuditEntry> = {},
): ReportAuditEntry {
  // A number is minutes after the escalation.
  const createdAt = typeof at === 'number' ? new Date(e.firstEscalatedAt.getTime() + at * 60_000) : new Date(at);
  return { escalationId: e.id, action, createdAt, ...fields };
}
