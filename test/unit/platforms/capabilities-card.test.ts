// The capability table every adapter declares is what its cards show: the Assign picker only where
// the platform can assign, Reply only where it can send messages, and a "mirrored to" line naming exactly what goes back to the platform.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createAdapters } from '../../../src/platforms/registry.js';
import { buildEscalationCard } from '../../../src/slack/blocks/card.js';
import { ActionId } from '../../../src/slack/ids.js';
import { baseEnv } from '../../helpers/env.js';
import { expectValidBlocks } from '../../helpers/blockkit.js';
import { escalation } from '../slack/escalation-factory.js';

const config = loadConfig(
  baseEnv({
    OSCAR_WEBHOOK_SECRET: 's',
    OSCAR_API_KEY: 'k',
    OSCAR_WORKSPACE_ID: 'ws',
    ONWEBCHAT_WEBHOOK_SECRET: 's',
    SHOPGUIDE_WEBHOOK_SECRET: 's',
    SHOPGUIDE_API_KEY: 'k',
    CHATDATA_WEBHOOK_SECRET: 's',
    GENERIC_WEBHOOK_SECRET: 's',
  }),
);

const EXPECTED = {
  oscarchat: { assign: true, label: true, resolve: true, reopen: true, note: true, send: true },
  onwebchat: { assign: false, label: false, resolve: false, reopen: false, note: false, send: false },
  shopguide: { assign: false, label: true, resolve: true, reopen: true, note: true, send: false },
  chatdata: { assign: false, label: false, resolve: false, reopen: false, note: false, send: false },
  generic: { assign: false, label: false, resolve: false, reopen: false, note: false, send: false },
};

describe('capability table and card controls', () => {
  const adapters = createAdapters(config);
  for (const [id, caps] of Object.entries(EXPECTED)) {
    it(`${id}: declared capabilities drive the card`, () => {
      const adapter = adapters.get(id as keyof typeof EXPECTED);
      expect(adapter?.capabilities).toEqual(caps);
      const { blocks } = buildEscalationCard(escalation({ platform: id }), {
        platformName: adapter!.displayName,
        capabilities: adapter!.capabilities,
        labels: config.labels,
      });
      expectValidBlocks(blocks);
      const json = JSON.stringify(blocks);
      for (const control of [ActionId.claim, ActionId.label, ActionId.resolve]) expect(json).toContain(control);
      expect(json.includes(ActionId.assign)).toBe(caps.assign);
      // Reply only where the platform can send; elsewhere the card says where to answer.
      expect(json.includes(`"${ActionId.reply}"`)).toBe(caps.send);
      expect(json.includes(`Answer the customer in ${adapter!.displayName}`)).toBe(!caps.send);
      const mirrored = [caps.assign && 'assignment', caps.label && 'labels', caps.resolve && 'status'].filter(Boolean);
      expect(json).toContain(mirrored.length ? `Mirrored to ${adapter!.displayName}: ${mirrored.join(', ')}` : 'has no API');
    });
  }
});
