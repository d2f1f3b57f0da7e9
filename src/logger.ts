// One pino root; children per event/job carry ids. Redaction keeps tokens, secrets, signatures,
// customer message bodies and customer fields (name, email, phone, Shopify data) out of the logs
// even when an object is logged whole by mistake, and any email address in a logged string (an
// error message, a lookup query, Bolt's free-form lines) is masked.
import { type DestinationStream, pino, type Logger } from 'pino';
import { PLATFORMS } from './platforms/list.js';

export type { Logger };

export const REDACT = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  // Each platform's signature header, from its module.
  ...PLATFORMS.map((p) => `headers["${p.signature.header.toLowerCase()}"]`),
  'headers["x-slack-signature"]',
  'body',
  '*.body',
  'text',
  'lastMessage',
  '*.lastMessage',
  'message.content',
  'message.text',
  'transcript',
  '*.transcript',
  'email',
  '*.email',
  'customerEmail',
  '*.customerEmail',
  'customerName',
  '*.customerName',
  'customerPhone',
  '*.customerPhone',
  'phone',
  '*.phone',
  'customer',
  '*.customer',
  'shopify',
  '*.shopify',
  'query',
  '*.query',
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Mask every email address in a string: "a@b.test" -> "[email]". */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/** Strings anywhere in a logged object, masked; depth-bounded (log objects are small). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskEmails(value.message), stack: maskEmails(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** `destination` defaults to stdout; tests pass a stream to read what would be logged. */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'handoff' },
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
    hooks: {
      // The message string too (pino's redaction only sees object fields).
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskEmails(a) : a)) as Parameters<typeof method>,
        );
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
