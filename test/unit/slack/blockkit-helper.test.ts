// The validator itself is checked against Slack's own Block Kit Builder samples, so a test that
// passes with it means something: it accepts real payloads and rejects the server-side shapes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValidModalView, validateHomeView, validateModalView } from '../../helpers/blockkit.js';
import { contractPath } from '../../helpers/contracts.js';

const EXAMPLES = contractPath('slack/blockkit/examples-python-slack-sdk');
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(EXAMPLES, name), 'utf8'));

describe('validateHomeView / validateModalView', () => {
  it.each(['001', '002', '003', '004', '005'])('accepts home sample %s', (n) => {
    expect(validateHomeView(load(`view_home_${n}.json`))).toEqual([]);
  });

  it.each(['001', '002', '003', '004', '005', '006', '007'])('accepts modal sample %s', (n) => {
    expect(validateModalView(load(`view_modal_${n}.json`))).toEqual([]);
  });

  it('rejects server-returned views (id, hash, state are not request fields)', () => {
    expect(validateHomeView(load('view_home_006.json')).join('\n')).toMatch(/must NOT have additional properties/);
    for (const n of ['008', '009', '010']) expect(validateModalView(load(`view_modal_${n}.json`)).length).toBeGreaterThan(0);
  });

  it('checks view-level rules: title length, submit with inputs, 100 blocks', () => {
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'Note' },
      element: { type: 'plain_text_input', action_id: 'n' },
    };
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'A title that is far too long' }, blocks: [input] };
    const errors = validateModalView(modal).join('\n');
    expect(errors).toMatch(/view\/title\/text: must NOT have more than 24 characters/);
    expect(errors).toMatch(/must have required property 'submit'/);
    expect(() => expectValidModalView(modal)).toThrow(/invalid Block Kit payload/);

    const home = { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) };
    expect(validateHomeView(home).join('\n')).toMatch(/101 blocks, a home allows at most 100/);
    // a message-only block on the home tab
    expect(validateHomeView({ type: 'home', blocks: [{ type: 'markdown', text: 'hi' }] }).join()).toMatch(
      /not allowed in a home/,
    );
  });
});
