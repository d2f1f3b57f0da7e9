-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "headers" JSONB,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'received',
    "processedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "conversationUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "vip" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "customerName" TEXT,
    "customerEmail" TEXT,
    "customerPhone" TEXT,
    "platformCustomerId" TEXT,
    "lastMessage" TEXT,
    "transcript" JSONB,
    "shopify" JSONB,
    "triage" JSONB,
    "escalationCount" INTEGER NOT NULL DEFAULT 1,
    "firstEscalatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEscalatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "slackChannel" TEXT,
    "slackTs" TEXT,
    "slackPostStartedAt" TIMESTAMP(3),
    "claimedBySlackId" TEXT,
    "claimedAt" TIMESTAMP(3),
    "assigneeSlackId" TEXT,
    "assigneeName" TEXT,
    "platformAgentId" TEXT,
    "platformSyncState" TEXT,
    "platformSyncError" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actorSlackId" TEXT,
    "actorName" TEXT,
    "detail" JSONB,
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentLink" (
    "slackUserId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentLink_pkey" PRIMARY KEY ("slackUserId","platform")
);

-- CreateTable
CREATE TABLE "ReportRun" (
    "id" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'posting',
    "slackTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "ReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_platform_deliveryKey_key" ON "WebhookDelivery"("platform", "deliveryKey");

-- CreateIndex
CREATE INDEX "Escalation_status_firstEscalatedAt_idx" ON "Escalation"("status", "firstEscalatedAt");

-- CreateIndex
CREATE INDEX "Escalation_firstEscalatedAt_idx" ON "Escalation"("firstEscalatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_platform_conversationId_key" ON "Escalation"("platform", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_requestKey_key" ON "AuditEntry"("requestKey");

-- CreateIndex
CREATE INDEX "AuditEntry_escalationId_createdAt_idx" ON "AuditEntry"("escalationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_action_createdAt_idx" ON "AuditEntry"("action", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRun_week_channel_key" ON "ReportRun"("week", "channel");

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
