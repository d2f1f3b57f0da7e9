-- Raw webhook bodies can be erased (retention, `handoff forget`) while the row keeps dedupe working.
ALTER TABLE "WebhookDelivery" ALTER COLUMN "body" DROP NOT NULL;

-- Refusals of non-agents are audited, some without an escalation (/order).
ALTER TABLE "AuditEntry" ALTER COLUMN "escalationId" DROP NOT NULL;

-- Emails the visitor typed (not identified by the platform) are marked unverified.
ALTER TABLE "Escalation" ADD COLUMN "customerEmailUnverified" BOOLEAN NOT NULL DEFAULT false;
