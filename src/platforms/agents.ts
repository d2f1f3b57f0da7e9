// Matching a Slack user to a platform agent, for any platform whose API lists agents.
import type { PlatformAgent } from './types.js';

/** Case-insensitive, whitespace-tolerant email match (Slack and a platform may differ in case). */
export function findAgentByEmail(agents: readonly PlatformAgent[], email: string | undefined): PlatformAgent | undefined {
  const wanted = email?.trim().toLowerCase();
  if (!wanted) return undefined;
  return agents.find((a) => a.email?.trim().toLowerCase() === wanted);
}
