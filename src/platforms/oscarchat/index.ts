// Oscar Chat: everything handoff knows about it, registered by one line in ../list.ts.
import type { z } from 'zod';
import { optionalCsv, optionalString, trimSlash, url } from '../../config-fields.js';
import { definePlatform } from '../module.js';
import { createOscarAdapter, DISPLAY_NAME, OSCAR_CAPABILITIES } from './adapter.js';
import { createOscarApi } from './api.js';
import { sign, samples } from './samples.js';
import { OSCAR_SIGNATURE } from './verify.js';

export interface OscarConfig {
  secrets: string[];
  apiKey: string;
  workspaceId: string;
  apiUrl: string;
  appUrl: string;
}

const env = {
  OSCAR_API_KEY: optionalString,
  OSCAR_WEBHOOK_SECRET: optionalCsv,
  OSCAR_WORKSPACE_ID: optionalString,
  OSCAR_API_URL: url('Oscar Chat API').default('https://api.oscarchat.ai/v1'),
  OSCAR_APP_URL: url('Oscar Chat app').default('https://app.oscarchat.ai'),
};
type Env = z.infer<z.ZodObject<typeof env>>;

export const oscarchat = definePlatform({
  id: 'oscarchat',
  displayName: DISPLAY_NAME,
  capabilities: OSCAR_CAPABILITIES,
  signature: OSCAR_SIGNATURE,
  settings: {
    env,
    problems(e: Env) {
      if (!e.OSCAR_WEBHOOK_SECRET?.length) return [];
      const out = [];
      if (!e.OSCAR_API_KEY) out.push({ key: 'OSCAR_API_KEY', message: 'is required when OSCAR_WEBHOOK_SECRET is set' });
      if (!e.OSCAR_WORKSPACE_ID) out.push({ key: 'OSCAR_WORKSPACE_ID', message: 'is required when OSCAR_WEBHOOK_SECRET is set' });
      return out;
    },
    read(e: Env): OscarConfig | undefined {
      if (!e.OSCAR_WEBHOOK_SECRET?.length) return undefined;
      return {
        secrets: e.OSCAR_WEBHOOK_SECRET,
        apiKey: e.OSCAR_API_KEY as string,
        workspaceId: e.OSCAR_WORKSPACE_ID as string,
        apiUrl: trimSlash(e.OSCAR_API_URL),
        appUrl: trimSlash(e.OSCAR_APP_URL),
      };
    },
  },
  adapter: createOscarAdapter,
  api: createOscarApi,
  samples,
  sign,
});
