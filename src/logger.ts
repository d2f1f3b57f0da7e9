// One pino root; children per event/job carry ids. Redaction keeps tokens, secrets, signatures and
// customer message bodies out of the logs even when an object is logged whole by mistake.
import { pino, type Logger } from 'pino';
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
];

export function createLogger(level: string = 'info'): Logger {
  return pino({
    level,
    base: { service: 'handoff' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
