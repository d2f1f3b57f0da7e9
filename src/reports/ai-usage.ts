// How the AI helped this week (only with OPENAI_API_KEY): what became of the drafted replies
// shown in the Reply modal, and how many suggested labels ended up on their escalations.
// - Drafts: those created in [week start, week end). "Not sent" = closed, replaced by Draft
//   again, or never sent at all.
// - Suggested labels: over the cohort (escalations first escalated this week); accepted = the
//   suggested label is on the escalation (applied by its button or picked in the menu).
import type { AiUsage, ReportDraft, ReportEscalation } from './types.js';

export function computeAiUsage(
  cohort: readonly ReportEscalation[],
  drafts: readonly ReportDraft[],
  startMs: number,
  endMs: number,
): AiUsage | undefined {
  const week = drafts.filter((d) => d.createdAt.getTime() >= startMs && d.createdAt.getTime() < endMs);
  const sentUnchanged = week.filter((d) => d.outcome === 'sent_unchanged').length;
  const sentEdited = week.filter((d) => d.outcome === 'sent_edited').length;
  let suggested = 0;
  let accepted = 0;
  for (const e of cohort) {
    const labels = new Set(e.labels ?? []);
    for (const l of e.suggestedLabels ?? []) {
      suggested += 1;
      if (labels.has(l)) accepted += 1;
    }
  }
  if (!week.length && !suggested) return undefined;
  return {
    drafts: { total: week.length, sentUnchanged, sentEdited, notSent: week.length - sentUnchanged - sentEdited },
    labels: { suggested, accepted },
  };
}
