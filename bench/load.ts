// The load generator of bench/ingest, in its own process so it does not share an event loop (or
// a core's worth of scheduling) with the process that orchestrates the run. Every body is a
// distinct ~2 KB Oscar Chat delivery, signed before the clock starts.
//
// The parent sends one `LoadJob` per measurement over IPC and gets a `LoadResult` back.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { platformModule } from '../src/platforms/list.js';
import { summarize } from './stats.js';

/** The benchmarks post Oscar Chat deliveries, signed by its module. */
const { sign } = platformModule('oscarchat');

export type LoadJob =
  | { kind: 'closed'; port: number; path: string; secret: string; concurrency: number; seconds: number }
  | { kind: 'open'; port: number; path: string; secret: string; rate: number; seconds: number };

export interface LoadResult {
  sent: number;
  accepted: number;
  rate: number;
  p50: number;
  p99: number;
  max: number;
}

interface Signed {
  raw: Buffer;
  headers: Record<string, string | number>;
}

let seq = 0;
const run = randomBytes(3).toString('hex');
const filler = 'I ordered the blue one last week and the tracking page has not moved since Tuesday. '.repeat(15);

function delivery(secret: string): Signed {
  seq += 1;
  const raw = Buffer.from(
    JSON.stringify({
      id: `evt_bench_${run}_${seq}`,
      type: 'bot.escalated',
      created_at: new Date().toISOString(),
      workspace_id: 'ws_bench',
      data: {
        conversation_id: `conv_bench_${run}_${seq}`,
        contact: { id: `ct_${seq}`, name: 'Bench Customer', email: 'bench@example.com', custom_attributes: { plan: 'pro' } },
        last_message: `Where is my order? I want a refund. ${filler}`,
        reason: 'customer_requested_human',
      },
    }),
  );
  return { raw, headers: { ...sign(raw, secret), 'content-length': raw.length } };
}

function presign(secret: string, count: number): Signed[] {
  return Array.from({ length: count }, () => delivery(secret));
}

// A fresh keep-alive agent per measurement: a socket left idle between measurements may have been
// closed by the server (its keep-alive timeout) and would fail the first request that reuses it.
let agent = new Agent({ keepAlive: true, maxSockets: 1024 });

/** The answer's status, or 0 when the connection failed (counted as not accepted). */
function post(port: number, path: string, d: Signed): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: d.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(d.raw);
  });
}

/** Closed loop: `concurrency` clients, each sending its next request when the previous is answered. */
async function closedLoop(job: Extract<LoadJob, { kind: 'closed' }>): Promise<LoadResult> {
  // Enough bodies for 6,000 req/s; past that, sign on the fly rather than resend a duplicate.
  const bodies = presign(job.secret, Math.ceil(6000 * job.seconds));
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  const until = started + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < until) {
        const d = bodies.pop() ?? delivery(job.secret);
        const t = performance.now();
        const status = await post(job.port, job.path, d);
        latencies.push(performance.now() - t);
        if (status >= 200 && status < 300) accepted += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { sent: latencies.length, accepted, rate: accepted / seconds, ...summarize(latencies) };
}

/** Open loop: requests start on a fixed schedule whatever the answers do (no coordinated omission). */
async function openLoop(job: Extract<LoadJob, { kind: 'open' }>): Promise<LoadResult> {
  const total = Math.round(job.rate * job.seconds);
  const bodies = presign(job.secret, total);
  const latencies: number[] = [];
  let accepted = 0;
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / job.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Measured from when the request was due (or sent, if a little early), so a late start counts
    // against the server.
    const from = Math.min(due, performance.now());
    inflight.push(
      post(job.port, job.path, bodies[i] as Signed).then((status) => {
        latencies.push(performance.now() - from);
        if (status >= 200 && status < 300) accepted += 1;
      }),
    );
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  return { sent: total, accepted, rate: accepted / seconds, ...summarize(latencies) };
}

process.on('message', (job: LoadJob) => {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  (job.kind === 'closed' ? closedLoop(job) : openLoop(job)).then(
    (result) => process.send?.({ ok: true, result }),
    (err: Error) => process.send?.({ ok: false, error: err.message }),
  );
});
process.send?.('ready');
