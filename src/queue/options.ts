// Shared job option presets for the per-feature catalogs.

/** Retries use the custom backoff in worker.ts: exponential, or the server's Retry-After when longer. */
export const retrying = (attempts: number) => ({ attempts, backoff: { type: 'handoff' } });

export const QUEUE_NAMES = ['events', 'actions', 'commands', 'reports', 'sla'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
