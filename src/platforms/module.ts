// A platform is a module: one object, exported from src/platforms/<id>/index.ts, that declares
// everything handoff needs to know about it. src/platforms/list.ts holds the one list of them;
// config, the webhook route, logger redaction, report names, samples, the test harness and the
// bench all derive from that list (the shape of vercel/chat's adapters built from one array).
import type { z } from 'zod';
import { optionalCsv } from '../config-fields.js';
import type { HttpDeps, HttpTuning } from './http.js';
import type { Samples, Signer } from './shared/samples.js';
import type { SignatureScheme } from './shared/signature.js';
import type { PlatformAdapter, PlatformApi, PlatformCapabilities } from './types.js';

export type PlatformApiDeps = HttpDeps & Omit<HttpTuning, 'rateLimit'>;

/** A setting problem, reported with the others when handoff refuses to start. */
export interface SettingProblem {
  key: string;
  message: string;
}

/** The platform's environment variables: a zod fragment that config.ts composes into its one schema. */
export interface PlatformSettings<Shape extends z.ZodRawShape, Cfg> {
  env: Shape;
  /** Problems across variables (e.g. an API key required once the webhook secret is set). */
  problems?(env: z.infer<z.ZodObject<Shape>>): SettingProblem[];
  /** This platform's slice of Config, or undefined when it is off (no webhook secret set). */
  read(env: z.infer<z.ZodObject<Shape>>): Cfg | undefined;
}

export interface PlatformModule<Id extends string = string, Cfg extends { secrets: string[] } = { secrets: string[] }> {
  readonly id: Id;
  /** The one display name: cards, reports, notes, logs. */
  readonly displayName: string;
  readonly capabilities: PlatformCapabilities;
  /** How deliveries are signed; its header is redacted from logs. */
  readonly signature: SignatureScheme;
  // biome-ignore lint/suspicious/noExplicitAny: each module types its own env fragment
  readonly settings: PlatformSettings<any, Cfg>;
  adapter(cfg: Cfg): PlatformAdapter;
  /** The outbound API, for platforms that have one. Build once per process: it owns the rate budget. */
  api?(cfg: Cfg, deps: PlatformApiDeps): PlatformApi;
  /** Sample deliveries for `handoff simulate` and the tests. */
  samples(): Samples;
  /** Headers a real delivery of `raw` would carry. */
  sign: Signer;
}

/** Typed helper so each module's settings, read() and adapter() agree on one config type. */
export function definePlatform<Id extends string, Shape extends z.ZodRawShape, Cfg extends { secrets: string[] }>(
  m: Omit<PlatformModule<Id, NoInfer<Cfg>>, 'settings'> & { settings: PlatformSettings<Shape, Cfg> },
): PlatformModule<Id, Cfg> {
  return m as PlatformModule<Id, Cfg>;
}

/** Settings for a platform configured by its webhook secret alone (comma-separated for rotation). */
export function secretOnlySettings(secretEnv: string): PlatformSettings<Record<string, typeof optionalCsv>, { secrets: string[] }> {
  return {
    env: { [secretEnv]: optionalCsv },
    read(env) {
      const secrets = env[secretEnv] as string[] | undefined;
      return secrets?.length ? { secrets } : undefined;
    },
  };
}
