// The card never presents an unmirrored action as done: the resolved (collapsed) card keeps a
// pending or failed platform sync visible.
import { describe, expect, it } from 'vitest';
import { buildEscalationCard } from '../../../src/slack/blocks/card.js';
import { expectValidBlocks } from '../../helpers/blockkit.js';
import { escalation, FULL_CAPS, LABELS, T0 } from '../slack/escalation-factory.js';

const ctx = { platformName: 'Oscar Chat', capabilities: FULL_CAPS, labels: LABELS, now: T0 };
const resolved = { status: 'resolved', resolvedBy: 'U0JANE', resolvedAt: new Date(T0.getTime() + 60_000) };

describe('resolved card and platform sync', () => {
  it.each([
    ['failed', 'resolve: Oscar Chat answered 503', ':x: Oscar Chat sync failed: resolve: Oscar Chat answered 503'],
    ['pending', null, ':hourglass_flowing_sand: Oscar Chat sync pending'],
  ])('shows a %s sync', (state, error, line) => {
    const { blocks } = buildEscalationCard(escalation({ ...resolved, platformSyncState: state, platformSyncError: error }), ctx);
    expectValidBlocks(blocks);
    expect(blocks).toHaveLength(3);
    expect(JSON.stringify(blocks[1])).toContain(line);
    expect(blocks[2]?.type).toBe('actions');
  });

  it.each(['ok', 'missing', null])('stays two blocks when the sync is %s', (state) => {
    const { blocks } = buildEscalationCard(escalation({ ...resolved, platformSyncState: state }), ctx);
    expect(blocks).toHaveLength(2);
  });
});
