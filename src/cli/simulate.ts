// `handoff simulate <platform> <event>`: send a correctly signed sample webhook to a running
// handoff, so a new user sees a card before touching the real platform. Secrets come from the same
// environment the server reads. Each run is a fresh delivery (new event id and timestamp), so it is
// not taken for a retry of the previous run.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { networkCause } from '../errors.js';
import { NO_PLATFORM_WARNING, unavailablePlatformMessage } from '../platforms/availability.js';
import { ALL_PLATFORMS, createAdapters, isPlatformId } from '../platforms/registry.js';
import { PLATFORM_SAMPLES } from '../platforms/samples.js';
import type { PlatformAdapter, PlatformId } from '../platforms/types.js';

const USAGE = `usage: handoff simulate <platform> <event> [--url http://localhost:3000]
       handoff simulate <platform> --list
       handoff simulate --all [--url ...]     every escalating sample of every enabled platform
platforms: ${ALL_PLATFORMS.join(', ')}`;

/** A new delivery of the same sample: fresh ids and times where the platform dedupes on them. */
export function freshen(body: Record<string, unknown>, now = new Date()): Record<string, unknown> {
  const copy = structuredClone(body);
  const suffix = randomBytes(4).toString('hex');
  if (typeof copy.id === 'string') copy.id = `${copy.id}_sim${suffix}`;
  if (typeof copy.eventId === 'string') copy.eventId = `${copy.eventId}_sim${suffix}`;
  for (const key of ['timestamp', 'created_at', 'createdAt']) {
    if (typeof copy[key] === 'string') copy[key] = now.toISOString();
  }
  return copy;
}

/** Samples that escalate on their own (not via rules on message text). */
export function escalatingEvents(adapter: PlatformAdapter): string[] {
  const samples = PLATFORM_SAMPLES[adapter.id].samples();
  return Object.entries(samples)
    .filter(([, s]) => adapter.parse(s.body, s.headers ?? {}).some((e) => e.kind === 'escalated' || e.kind === 'rated'))
    .map(([name]) => name);
}

/** Names the sample events that do exist, so a typo is one look away from the fix. */
export function unknownEventMessage(platform: PlatformId, event: string): string {
  const known = Object.keys(PLATFORM_SAMPLES[platform].samples());
  return `${platform} has no sample event ${JSON.stringify(event)}; known events: ${known.join(', ')}`;
}

export async function sendSample(
  baseUrl: string,
  platform: PlatformId,
  event: string,
  secret: string,
): Promise<{ status: number; body: string }> {
  const sample = PLATFORM_SAMPLES[platform].samples()[event];
  if (!sample) throw new Error(unknownEventMessage(platform, event));
  const raw = Buffer.from(JSON.stringify(freshen(sample.body as Record<string, unknown>)));
  const headers = { ...PLATFORM_SAMPLES[platform].sign(raw, secret, new Date()), ...(sample.headers ?? {}) };
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/webhooks/${platform}`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text() };
}

export async function simulateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, list: { type: 'boolean' }, all: { type: 'boolean' } },
  });
  const [platform, event] = positionals;
  if (platform && !isPlatformId(platform)) {
    console.error(unavailablePlatformMessage(platform, []));
    return 2;
  }
  if (platform && event && !(event in PLATFORM_SAMPLES[platform as PlatformId].samples())) {
    console.error(unknownEventMessage(platform as PlatformId, event));
    return 2;
  }
  if (values.list && platform) {
    for (const name of Object.keys(PLATFORM_SAMPLES[platform as PlatformId].samples())) console.log(name);
    return 0;
  }
  if (!values.all && (!platform || !event)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const adapters = createAdapters(config);
  const baseUrl = values.url ?? `http://localhost:${config.port}`;
  const targets: Array<[PlatformId, string]> = values.all
    ? [...adapters.values()].flatMap((a) => escalatingEvents(a).map((e): [PlatformId, string] => [a.id, e]))
    : [[platform as PlatformId, event as string]];
  if (targets.length === 0) {
    console.error(NO_PLATFORM_WARNING);
    return 1;
  }
  let failures = 0;
  for (const [p, e] of targets) {
    const secret = config.platforms[p]?.secrets[0];
    if (!secret) {
      console.error(unavailablePlatformMessage(p, adapters.keys()));
      failures += 1;
      continue;
    }
    try {
      const { status, body } = await sendSample(baseUrl, p, e, secret);
      console.log(`${p} ${e}: HTTP ${status} ${body}`);
      if (status >= 300) failures += 1;
    } catch (err) {
      const why = networkCause(err) ?? (err as Error).message;
      console.error(`${p} ${e}: handoff unreachable at ${baseUrl} (${why}); is it running there? (npm start, or pass --url)`);
      failures += 1;
    }
  }
  return failures ? 1 : 0;
}
