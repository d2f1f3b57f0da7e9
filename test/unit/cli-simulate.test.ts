// `handoff simulate` points the right way: an unknown event lists the known ones (and never blames
// the server), an unknown platform lists the platforms, a disabled one names its setting, and a
// server that is really down is named by the URL tried.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../../src/cli/simulate.js';
import { baseEnv } from '../helpers/env.js';
import { freePort } from '../helpers/redis-server.js';

let errors: string[];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.join(' '));
  });
  for (const [k, v] of Object.entries(baseEnv({ OSCAR_WEBHOOK_SECRET: 'sim-secret', OSCAR_API_KEY: 'k', OSCAR_WORKSPACE_ID: 'ws' })))
    vi.stubEnv(k, v);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('handoff simulate', () => {
  it('lists the known events for an unknown one, without touching the server', async () => {
    expect(await simulateCommand(['oscarchat', 'nope'])).toBe(2);
    expect(errors).toEqual([
      'oscarchat has no sample event "nope"; known events: bot.escalated, message.created, conversation.created, conversation.assigned, conversation.resolved',
    ]);
  });

  it('lists the platforms for a name that is not one', async () => {
    expect(await simulateCommand(['intercom', 'conversation.escalated'])).toBe(2);
    expect(errors).toEqual(['"intercom" is not a platform handoff knows; platforms: oscarchat, onwebchat, shopguide, chatdata, generic']);
  });

  it('names the setting for a real platform that is not enabled', async () => {
    expect(await simulateCommand(['shopguide', 'conversation.escalated'])).toBe(1);
    expect(errors).toEqual(['platform "shopguide" is not enabled here: set SHOPGUIDE_WEBHOOK_SECRET (enabled now: oscarchat)']);
  });

  it('names the URL it tried when handoff is not running there', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await simulateCommand(['oscarchat', 'bot.escalated', '--url', url])).toBe(1);
    expect(errors).toEqual([
      `oscarchat bot.escalated: handoff unreachable at ${url} (ECONNREFUSED); is it running there? (npm start, or pass --url)`,
    ]);
  });
});
