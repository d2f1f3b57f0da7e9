// `handoff agents link|list`: explicit Slack user -> platform agent mappings, used when the
// Slack profile email does not match an agent on the platform.
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { ALL_PLATFORMS } from '../platforms/registry.js';
import type { PlatformId } from '../platforms/types.js';

export async function agentsCommand(args: string[]): Promise<number> {
  const [sub, slackUserId, platform, agentId] = args;
  if (sub !== 'link' && sub !== 'list') {
    console.error('usage: handoff agents link <slack-user-id> <platform> <agent-id> | handoff agents list');
    return 2;
  }
  if (sub === 'link') {
    if (!slackUserId || !platform || !agentId) {
      console.error('usage: handoff agents link <slack-user-id> <platform> <agent-id>');
      return 2;
    }
    if (!/^[UW][A-Z0-9]{2,}$/.test(slackUserId)) {
      console.error(`"${slackUserId}" is not a Slack user id (like U0123ABCD; find it in the user's profile > Copy member ID)`);
      return 2;
    }
    if (!ALL_PLATFORMS.includes(platform as PlatformId)) {
      console.error(`unknown platform "${platform}"; one of: ${ALL_PLATFORMS.join(', ')}`);
      return 2;
    }
  }
  const db = createDb(loadConfig().databaseUrl, { max: 1 });
  try {
    if (sub === 'list') {
      const links = await db.agentLink.findMany({ orderBy: [{ platform: 'asc' }, { slackUserId: 'asc' }] });
      if (links.length === 0) console.log('no explicit agent links (matching by email only)');
      for (const l of links) console.log(`${l.slackUserId}\t${l.platform}\t${l.agentId}`);
      return 0;
    }
    await db.agentLink.upsert({
      where: { slackUserId_platform: { slackUserId: slackUserId as string, platform: platform as string } },
      create: { slackUserId: slackUserId as string, platform: platform as string, agentId: agentId as string },
      update: { agentId: agentId as string },
    });
    console.log(`linked Slack user ${slackUserId} to ${platform} agent ${agentId}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
