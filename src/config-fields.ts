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

/** A URL setting without its trailing slash. */
export const trimSlash = (u: string) => u.replace(/\/$/, '');
