// Bolt, its Express receiver and its WebClient log through handoff's pino logger (with its
// redaction), not a console logger of their own. Bolt logs free-form arguments (strings, errors,
// at debug level whole request bodies): they become one pino line, errors as `err`, and the
// logger's email scrubbing applies to the text.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function boltLogger(root: Logger): SlackLogger {
  // Bolt's level knob is its own: our level stays, Bolt only gets quieter (never louder than warn
  // unless handoff itself logs at debug).
  let log = root.child({ component: 'bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    const err = msg.find((m): m is Error => m instanceof Error);
    const text = msg
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === 'string' ? m : safeJson(m)))
      .join(' ');
    if (err) log[level]({ err: { type: err.name, message: err.message, code: (err as { code?: string }).code } }, text || err.message);
    else log[level](text);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => LEVELS[log.level] ?? LogLevel.WARN,
    setName: (name: string) => {
      log = root.child({ component: name });
    },
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
