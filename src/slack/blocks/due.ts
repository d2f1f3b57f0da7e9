// How a claim deadline reads on the card and in the queue views: the due time in the reader's
// own time zone (Slack's date token), or how long it is overdue.
import { formatDuration, slackDate } from './text.js';

export function isOverdue(dueAt: Date | null | undefined, now: Date): boolean {
  return Boolean(dueAt && dueAt.getTime() <= now.getTime());
}

export function claimDueText(dueAt: Date, now: Date): string {
  return isOverdue(dueAt, now)
    ? `:rotating_light: *Overdue* by ${formatDuration(now.getTime() - dueAt.getTime())} (claim was due ${slackDate(dueAt)})`
    : `:alarm_clock: claim due ${slackDate(dueAt)}`;
}
