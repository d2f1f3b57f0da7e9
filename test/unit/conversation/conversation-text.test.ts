// Pure pieces of the conversation in Slack: the mirrored thread post, the Reply modal, and Slack
// markup turned into the plain text a platform note carries.
import { describe, expect, it } from 'vitest';
import { plainFromSlack } from '../../../src/conversation/slack-text.js';
import { conversationLine, mirroredPost } from '../../../src/slack/blocks/conversation.js';
import { buildReplyModal, readReplyMetadata } from '../../../src/slack/blocks/reply-modal.js';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids.js';
import { expectValidBlocks, expectValidModalView } from '../../helpers/blockkit.js';

describe('mirroredPost', () => {
  it('groups consecutive messages by author and marks the bot', () => {
    const post = mirroredPost(
      [
        { author: 'customer', text: 'hi' },
        { author: 'customer', text: 'anyone?' },
        { author: 'bot', text: 'A human is on the way' },
        { author: 'agent', text: 'Here' },
      ],
      'Maria Keller',
      'Oscar Chat',
    );
    expect(post.text).toBe(
      [
        ':speech_balloon: *Maria Keller* (customer) on Oscar Chat:',
        '>hi',
        '>anyone?',
        ':robot_face: *Bot* on Oscar Chat:',
        '>A human is on the way',
        ':bust_in_silhouette: *An agent* on Oscar Chat:',
        '>Here',
      ].join('\n'),
    );
    expect(post.blocks).toHaveLength(3);
    expectValidBlocks(post.blocks);
  });

  it('shows customer text as plain text: no mentions, broadcasts or links', () => {
    const post = mirroredPost([{ author: 'customer', text: '<!here> <@U123> <https://x.example|free money> *bold*' }], '<@U9>', 'X');
    expect(post.text).not.toMatch(/<[!@h]/);
    expect(post.text).toContain('&lt;!here&gt; &lt;@U123&gt; &lt;https://x.example|free money&gt;');
    expect(post.text).toContain('*&lt;@U9&gt;*');
    for (const b of post.blocks) expect(b.text).toMatchObject({ type: 'mrkdwn', verbatim: true });
  });

  it('stays within Block Kit limits for a long backlog', () => {
    const long = Array.from({ length: 20 }, (_, i) => ({ author: i % 2 ? 'customer' : 'bot', text: 'x'.repeat(5000) }));
    const post = mirroredPost(long, undefined, 'Oscar Chat');
    expect(post.text.length).toBeLessThanOrEqual(3800);
    expectValidBlocks(post.blocks);
  });
});

describe('conversationLine.replied', () => {
  it('mentions the agent and quotes the reply escaped', () => {
    expect(conversationLine.replied('U0JANE', 'On its way <!channel>')).toBe(
      ':leftwards_arrow_with_hook: <@U0JANE> replied to the customer:\n>On its way &lt;!channel&gt;',
    );
  });
});

describe('buildReplyModal', () => {
  const modal = buildReplyModal({
    escalationId: '7d1f7a52-0c43-4b8e-9a40-6f8e8a0c2b11',
    channelId: 'C0ESCALATE',
    customerName: 'Maria <Keller>',
    platformName: 'Oscar Chat',
    lines: [
      { author: 'customer', text: 'Where is it? <@U1>' },
      { author: 'bot', text: 'Let me get someone' },
      { author: 'reply', text: 'Looking now' },
    ],
  });

  it('is a valid modal with the last lines and one text box', () => {
    expectValidModalView(modal);
    expect(modal.callback_id).toBe(CallbackId.reply);
    const json = JSON.stringify(modal.blocks);
    expect(json).toContain('Maria &lt;Keller&gt;:* Where is it? &lt;@U1&gt;');
    expect(json).toContain('*Bot:* Let me get someone');
    expect(json).toContain('*Reply from Slack:* Looking now');
    const inputs = modal.blocks.filter((b) => b.type === 'input');
    expect(inputs).toEqual([expect.objectContaining({ block_id: BlockId.replyInput, element: expect.objectContaining({ action_id: ActionId.replyText }) })]);
  });

  it('carries only the escalation id and channel in private_metadata', () => {
    expect(readReplyMetadata(modal.private_metadata)).toEqual({
      escalationId: '7d1f7a52-0c43-4b8e-9a40-6f8e8a0c2b11',
      channelId: 'C0ESCALATE',
    });
    expect(readReplyMetadata('not json')).toBeUndefined();
  });
});

describe('plainFromSlack', () => {
  const names: Record<string, string> = { U0BOB: 'Bob Roe' };
  const nameOf = async (id: string) => names[id] ?? id;

  it('turns Slack markup into readable text', async () => {
    expect(
      await plainFromSlack('<@U0BOB> see <https://shop.example/o/1|order 1> in <#C1|support>, <!here> &lt;3 &amp; <mailto:a@b.example|a@b.example>', nameOf),
    ).toBe('@Bob Roe see order 1 (https://shop.example/o/1) in #support, @here <3 & a@b.example');
  });

  it('keeps an unknown user as their id', async () => {
    expect(await plainFromSlack('ping <@U0GONE>', async () => Promise.reject(new Error('no')))).toBe('ping @U0GONE');
  });
});
