// The baseline for bench/ingest: a bare Express route that only checks an HMAC over the raw body
// (constant time) and answers 200. Whatever handoff does beyond this is its cost of keeping events.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';

const secret = process.env.SECRET ?? 'bench-secret';
const app = express();
app.post('/webhooks/oscarchat', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
  const given = String(req.headers['x-oscar-signature'] ?? '').replace(/^sha256=/, '');
  const expected = createHmac('sha256', secret).update(req.body as Buffer).digest();
  const buf = Buffer.from(given, 'hex');
  if (buf.length !== expected.length || !timingSafeEqual(buf, expected)) {
    res.status(401).end();
    return;
  }
  res.status(200).json({ ok: true });
});
const server = app.listen(Number(process.env.PORT ?? 0), () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
