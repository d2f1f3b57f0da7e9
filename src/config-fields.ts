// zod pieces shared by config.ts and each platform's settings fragment (src/platforms/<id>/index.ts).
import { z } from 'zod';

/** Comma-separated list; empty entries dropped. Used for rotatable secrets and label sets. */
export const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );

export const optionalCsv = z.preprocess((v) => (v === '' ? undefined : v), csv.optional());
export const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
export const url = (what: string) => z.url({ message: `must be a URL (${what})` });
export const optionalUrl = (what: string) => z.preprocess((v) => (v === '' ? undefined : v), url(what).optional());
export const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** Minutes; decimals allowed (0.5 = 30 s), so tests and demos can use short deadlines. */
const MINUTES = 'must be a positive number of minutes (decimals allowed)';
export const minutes = z.coerce.number({ message: MINUTES }).positive(MINUTES);
export const optionalMinutes = z.preprocess((v) => (v === '' ? undefined : v), minutes.optional());
export const slackUserIds = optionalCsv.refine(
  (ids) => !ids || ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)),
  'must be Slack user ids like U0123456789, comma-separated',
);

/** A URL setting without its trailing slash. */
export const trimSlash = (u: string) => u.replace(/\/$/, '');
