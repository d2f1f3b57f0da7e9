// The presenters' words for outcomes: the thread line an escalation outcome adds, and the private
// message a refused click gets (the same texts the domain used to build itself).
import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../../src/actions/outcomes.js';
import type { Escalation } from '../../../src/db/client.js';
import type { EscalationOutcome } from '../../../src/escalations/outcomes.js';
import { threadLine } from '../../../src/slack/blocks/thread.js';
import { ephemeral, refusalText } from '../../../src/slack/present/action-texts.js';
import { outcomeLine } from '../../../src/slack/present/escalation.js';

const published = { escalationCount: 3, reason: 'Wants a <refund>' } as Escalation;
const name = (id: string) => (id === 'oscarchat' ? 'Oscar Chat' : id);

describe('escalation outcome -> thread line', () => {
  it.each<[EscalationOutcome, string | undefined]>([
    [{ kind: 'escalated', escalationId: 'e' }, undefined],
    [{ kind: 'updated', escalationId: 'e' }, undefined],
    [{ kind: 'none' }, undefined],
    [{ kind: 're_escalated', escalationId: 'e' }, threadLine.reEscalated(3, 'Wants a <refund>')],
    [{ kind: 'reopened_by_customer', escalationId: 'e', platform: 'oscarchat' }, threadLine.reopenedByCustomer('Oscar Chat')],
    [
      { kind: 'platform_assigned', escalationId: 'e', platform: 'oscarchat', agentName: 'Jonas' },
      ':bust_in_silhouette: Assigned on Oscar Chat to Jonas',
    ],
    [
      { kind: 'platform_resolved', escalationId: 'e', platform: 'oscarchat', by: 'Kim' },
      ':white_check_mark: Resolved on Oscar Chat by Kim',
    ],
  ])('%o', (outcome, line) => {
    expect(outcomeLine(outcome, published, name)).toBe(line);
  });

  it('counts and escapes a re-escalation from the published row', () => {
    expect(outcomeLine({ kind: 're_escalated', escalationId: 'e' }, published, name)).toBe(
      ':repeat: Re-escalated (3 times in total): Wants a &lt;refund&gt;',
    );
  });
});

describe('refusal -> private message', () => {
  it.each<[Refusal, string]>([
    [{ reason: 'gone' }, ephemeral.gone()],
    [{ reason: 'already_claimed', by: 'U0BOB' }, 'This escalation is already claimed by <@U0BOB>.'],
    [{ reason: 'already_resolved', by: null }, 'This escalation is already resolved.'],
    [{ reason: 'resolved_reopen_first', by: 'U0KIM' }, 'This escalation was resolved by <@U0KIM>. Reopen it first.'],
    [{ reason: 'not_yours', by: 'U0BOB' }, ephemeral.notYours('U0BOB')],
    [{ reason: 'invalid_labels', labels: ['x', 'y'] }, ephemeral.invalidLabels(['x', 'y'])],
  ])('%o', (refusal, text) => {
    expect(refusalText(refusal)).toBe(text);
  });
});
