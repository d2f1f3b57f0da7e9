// One PrismaClient per process, on the pg driver adapter (no native query engine needed).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';

export type Db = PrismaClient;
export { Prisma } from './generated/client.js';
export type { Escalation, AuditEntry, WebhookDelivery, AgentLink, ReportRun } from './generated/client.js';

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  // A short connect timeout so a database that is down turns into a 503, not a hung request.
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10, connectionTimeoutMillis: 2000 });
  return new PrismaClient({ adapter });
}
