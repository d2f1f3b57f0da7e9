// handoff's features beyond the webhook pipeline. Each one brings its job handlers, its Bolt
// listeners and anything it starts with the workers (schedules); the container wires them in.
import type { App } from '@slack/bolt';
import { accessFeature } from '../access/feature.js';
import { aiFeature } from '../ai/feature.js';
import { commandsFeature } from '../commands/feature.js';
import type { Container } from '../container.js';
import { conversationFeature } from '../conversation/feature.js';
import { enrichLaterFeature } from '../escalations/enrich-later.js';
import { privacyFeature } from '../privacy/feature.js';
import type { JobHandlers } from '../queue/worker.js';
import { reportsFeature } from '../reports/feature.js';
import { slaFeature } from '../sla/feature.js';
import { actionsFeature } from './actions.js';

export interface Feature {
  name: string;
  /** Called once when the container is built (every role), e.g. to hook into the card publisher. */
  setup?(c: Container): void;
  jobs?(c: Container): JobHandlers;
  listeners?(app: App, c: Container): void;
  onWorkerStart?(c: Container): Promise<void>;
}

// access first: its middleware guards every listener the others register.
export const FEATURES: Feature[] = [
  accessFeature,
  actionsFeature,
  commandsFeature,
  reportsFeature,
  aiFeature,
  enrichLaterFeature,
  privacyFeature,
  conversationFeature,
  slaFeature,
];
