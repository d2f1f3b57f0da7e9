import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskEmails } from '../../src/logger.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';

function capture(level = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}

describe('logger redaction', () => {
  it('masks email addresses in text', () => {
    expect(maskEmails('ask bob.smith+x@shop.example.co.uk now')).toBe('ask [email] now');
    expect(maskEmails('no address here @ all')).toBe('no address here @ all');
  });

  it('redacts customer fields and masks addresses anywhere in a logged object and message', () => {
    const { log, lines } = capture();
    log.info(
      {
        customerEmail: 'a@b.test',
        customerName: 'Ann Customer',
        lastMessage: 'my order',
        customer: { email: 'a@b.test', name: 'Ann' },
        err: new Error('no customer for a@b.test'),
        note: { deep: 'mail c@d.test' },
      },
      'lookup for a@b.test failed',
    );
    const [line] = lines;
    expect(line).toMatchObject({
      customerEmail: '[redacted]',
      customerName: '[redacted]',
      lastMessage: '[redacted]',
      customer: '[redacted]',
      note: { deep: 'mail [email]' },
      msg: 'lookup for [email] failed',
    });
    expect(JSON.stringify(line)).not.toMatch(/a@b\.test|c@d\.test|Ann/);
  });

  it("Bolt's free-form lines go through the same logger, masked", () => {
    const { log, lines } = capture();
    const bolt = boltLogger(log);
    bolt.debug('{"text":"bob@example.test","user_id":"U1"}');
    bolt.error('An unhandled error occurred', new Error('payload for bob@example.test'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ component: 'bolt', msg: '{"text":"[email]","user_id":"U1"}' });
    expect(lines[1]).toMatchObject({ component: 'bolt', msg: 'An unhandled error occurred', err: { message: 'payload for [email]' } });
  });
});
