// The sandbox page's routes, on handoff's own Express app under /sandbox: the page itself, a read
// endpoint for what Slack would show, and the controls (send a sample webhook, click, type a
// command, open the Home tab). JSON bodies are parsed here only, never app-wide.
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { sendSample } from '../cli/simulate.js';
import { isPlatformId } from '../platforms/registry.js';
import { PLATFORM_SAMPLES } from '../platforms/samples.js';
import type { PlatformId } from '../platforms/types.js';
import { SandboxInputError, type SlackSide } from './slack-side.js';

const PAGE_DIR = path.join(import.meta.dirname, 'page');

const userId = z.string().regex(/^[UW][A-Z0-9]+$/);
const clickSchema = z.object({
  user: userId,
  key: z.string().max(64),
  blockId: z.string().max(255),
  actionId: z.string().max(255),
  selection: z.object({ user: userId.optional(), values: z.array(z.string().max(150)).max(100).optional() }).optional(),
});
const commandSchema = z.object({ user: userId, command: z.enum(['/order', '/escalations']), text: z.string().max(500) });
const sampleSchema = z.object({ platform: z.string().refine(isPlatformId, 'unknown platform'), event: z.string().max(100) });

export interface SandboxRoutesDeps {
  slack: SlackSide;
  secrets: Record<PlatformId, string>;
  appUrl: () => string;
}

/** The sample events of each platform, as `simulate <platform> --list` prints them. */
export function sampleCatalog(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(PLATFORM_SAMPLES).map(([id, p]) => [id, Object.keys(p.samples())]));
}

export function sandboxRouter(deps: SandboxRoutesDeps): Router {
  const router = express.Router();
  router.get('/', (_req, res) => res.sendFile(path.join(PAGE_DIR, 'index.html')));
  router.use(express.static(PAGE_DIR, { index: false }));
  router.use('/api', express.json({ limit: '32kb' }));
  // Listening comes before the workers are up; controls wait for the whole of handoff.
  router.post('/api/*rest', (_req, res, next) => {
    if (deps.appUrl()) return next();
    res.status(503).json({ error: 'handoff is still starting; try again in a moment' });
  });

  router.get('/api/state', (req, res) => {
    const user = userId.optional().parse(req.query.user || undefined) ?? deps.slack.users()[0]?.id ?? '';
    res.json({ user, ...deps.slack.state(user), samples: sampleCatalog() });
  });

  router.post('/api/sample', async (req, res) => {
    const { platform, event } = sampleSchema.parse(req.body);
    const id = platform as PlatformId;
    if (!PLATFORM_SAMPLES[id].samples()[event]) throw new SandboxInputError(`no ${platform} sample "${event}"`);
    // The same signed, freshened sample `handoff simulate` sends, through the same HTTP route.
    res.json(await sendSample(deps.appUrl(), id, event, deps.secrets[id]));
  });

  router.post('/api/click', async (req, res) => {
    res.json({ status: await deps.slack.click(clickSchema.parse(req.body)) });
  });

  router.post('/api/command', async (req, res) => {
    const { user, command, text } = commandSchema.parse(req.body);
    res.json({ status: await deps.slack.command(user, command, text) });
  });

  router.post('/api/home', async (req, res) => {
    res.json({ status: await deps.slack.homeOpened(userId.parse(req.body?.user)) });
  });

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const bad = err instanceof SandboxInputError || err instanceof z.ZodError;
    res.status(bad ? 400 : 500).json({ error: err instanceof Error ? err.message : String(err) });
  });
  return router;
}
