// Shared job option presets for the per-feature catalogs.

/** Retries use the custom backoff in worker.ts: exponential, or the server's Retry-After when longer. */
export const retrying = (attempts: number) => ({ attempts, backoff: { type: 'handoff' } });

/** `slack` is the card lane: paced to Slack's per-channel limits, drained by priority. */
export const QUEUE_NAMES = ['events', 'actions', 'commands', 'reports', 'sla', 'slack'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
