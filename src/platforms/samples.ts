// Every platform's sample deliveries and signer, by platform id: what `handoff simulate
// <platform> <event>` sends and what integration tests post.
import { PLATFORMS, type PlatformId } from './list.js';
import type { Samples, Signer } from './shared/samples.js';

export type { Sample, Samples, Signer } from './shared/samples.js';

export const PLATFORM_SAMPLES: Record<PlatformId, { samples: () => Samples; sign: Signer }> = Object.fromEntries(
  PLATFORMS.map((p) => [p.id, { samples: p.samples, sign: p.sign }]),
) as Record<PlatformId, { samples: () => Samples; sign: Signer }>;

/**
 * One signed delivery, ready to POST: the exact bytes and the headers over them. Sample headers
 * (if any) are added last so a sample can override what sign() produced.
 */
export function signedSample(
  platform: PlatformId,
  event: string,
  secret: string,
  now: Date = new Date(),
): { raw: Buffer; headers: Record<string, string> } {
  const { samples, sign } = PLATFORM_SAMPLES[platform];
  const all = samples();
  const sample = all[event];
  if (!sample) {
    throw new Error(`no ${platform} sample for "${event}"; known: ${Object.keys(all).join(', ')}`);
  }
  const raw = Buffer.from(JSON.stringify(sample.body));
  return { raw, headers: { ...sign(raw, secret, now), ...(sample.headers ?? {}) } };
}
