// manifest.yml against Slack's published app-manifest JSON Schema (draft-07), offline: the root
// schema $refs versioned files by raw.githubusercontent URL, so the local copies are registered
// under exactly those URLs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contractPath } from '../../helpers/contracts.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCHEMAS = contractPath('slack/manifest-schema');
const REMOTE = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';
const EVENTS_URL = 'https://handoff.example.com/slack/events';

const readJson = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8'));

function manifestValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const v of ['1.0.0', '2.0.0'])
    ajv.addSchema(readJson(path.join(SCHEMAS, `schemas/manifest.schema.${v}.json`)), `${REMOTE}manifest.schema.${v}.json`);
  return ajv.compile(readJson(path.join(SCHEMAS, 'manifest.schema.json')));
}

interface Manifest {
  display_information: { name: string };
  features: {
    app_home?: { home_tab_enabled?: boolean };
    bot_user?: { display_name: string };
    slash_commands?: Array<{ command: string; url?: string; usage_hint?: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('is a valid Slack app manifest', () => {
    const validate = manifestValidator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the validator can fail (the schema repo negative example is rejected)', () => {
    const validate = manifestValidator();
    expect(validate(readJson(path.join(SCHEMAS, 'tests/manifests/v1/manifest.invalid.json')))).toBe(false);
    expect(validate({ ...manifest, display_information: { name: 'x'.repeat(36) } })).toBe(false);
  });

  it('is the handoff app in HTTP mode with every request on /slack/events', () => {
    expect(manifest.display_information.name).toBe('handoff');
    expect(manifest.features.bot_user?.display_name).toBe('handoff');
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions?.request_url).toBe(EVENTS_URL);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: EVENTS_URL });
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual([
      'app_home_opened',
      'member_joined_channel',
      'member_left_channel',
      'subteam_members_changed',
      'message.channels',
      'message.groups',
    ]);
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
  });

  it('declares /order and /escalations with usage hints', () => {
    const commands = manifest.features.slash_commands ?? [];
    expect(commands.map((c) => c.command)).toEqual(['/order', '/escalations']);
    for (const c of commands) {
      expect(c.url).toBe(EVENTS_URL);
      expect(c.usage_hint).toBeTruthy();
    }
    expect(commands.find((c) => c.command === '/escalations')?.usage_hint).toContain('mine|unclaimed|all');
  });

  it('asks for exactly the bot scopes handoff uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'channels:history',
        'channels:read',
        'chat:write',
        'commands',
        'files:write',
        'groups:history',
        'groups:read',
        'im:history',
        'im:write',
        'usergroups:read',
        'users:read',
        'users:read.email',
      ].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });
});
