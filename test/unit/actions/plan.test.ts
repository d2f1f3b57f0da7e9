// Which platform calls each Slack action makes, per platform: the real adapters and API clients
// (never called here: plan() only reads what they offer).
import { afterAll, describe, expect, it } from 'vitest';
import { AgentResolver } from '../../../src/actions/agents.js';
import { PlatformSync } from '../../../src/actions/sync.js';
import { loadConfig } from '../../../src/config.js';
import { createDb } from '../../../src/db/client.js';
import { createPlatformApis } from '../../../src/platforms/apis.js';
import { createAdapters } from '../../../src/platforms/registry.js';
import { createSlackClient } from '../../../src/slack/client.js';
import { SlackDirectory } from '../../../src/slack/people.js';
import { baseEnv } from '../../helpers/env.js';

const config = loadConfig(
  baseEnv({
    OSCAR_WEBHOOK_SECRET: 's',
    OSCAR_API_KEY: 'k',
    OSCAR_WORKSPACE_ID: 'ws',
    SHOPGUIDE_WEBHOOK_SECRET: 's',
    SHOPGUIDE_API_KEY: 'k',
    ONWEBCHAT_WEBHOOK_SECRET: 's',
    CHATDATA_WEBHOOK_SECRET: 's',
  }),
);
// A client object only: no connection is opened unless a query runs.
const db = createDb(config.databaseUrl);
const people = new SlackDirectory(createSlackClient(config.slack));
const sync = new PlatformSync({
  db,
  apis: createPlatformApis(config),
  adapters: createAdapters(config),
  agents: new AgentResolver(db, people),
  people,
});

afterAll(async () => {
  await db.$disconnect();
});

describe('PlatformSync.plan', () => {
  it('Oscar Chat mirrors everything, notes every action, notes before resolving and after reopening', () => {
    expect(sync.plan('oscarchat', 'claim')).toEqual(['assign', 'note']);
    expect(sync.plan('oscarchat', 'assign')).toEqual(['assign', 'note']);
    expect(sync.plan('oscarchat', 'release')).toEqual(['note']);
    expect(sync.plan('oscarchat', 'label')).toEqual(['labels', 'note']);
    expect(sync.plan('oscarchat', 'resolve')).toEqual(['note', 'resolve']);
    expect(sync.plan('oscarchat', 'reopen')).toEqual(['reopen', 'note']);
  });

  it('ShopGuide has no assignment API: a claim is only noted there', () => {
    expect(sync.plan('shopguide', 'claim')).toEqual(['note']);
    expect(sync.plan('shopguide', 'label')).toEqual(['labels', 'note']);
    expect(sync.plan('shopguide', 'resolve')).toEqual(['note', 'resolve']);
  });

  it('platforms without an API keep the state in handoff only', () => {
    for (const platform of ['onwebchat', 'chatdata', 'generic']) {
      for (const action of ['claim', 'assign', 'label', 'resolve', 'reopen', 'release'] as const) {
        expect(sync.syncs(platform, action)).toBe(false);
      }
    }
  });
});
