-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "claimDueAt" TIMESTAMP(3),
ADD COLUMN     "firstAgentReplyAt" TIMESTAMP(3),
ADD COLUMN     "slaClockStartedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SlaReminder" (
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "mode" TEXT,
    "batchId" TEXT,
    "leaseAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "threadTs" TEXT,
    "summaryKey" TEXT,
    "summaryTs" TEXT,
    "dmSent" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlaReminder_status_leaseAt_idx" ON "SlaReminder"("status", "leaseAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaReminder_escalationId_kind_dueAt_key" ON "SlaReminder"("escalationId", "kind", "dueAt");

-- CreateIndex
CREATE INDEX "Escalation_status_claimDueAt_idx" ON "Escalation"("status", "claimDueAt");

-- AddForeignKey
ALTER TABLE "SlaReminder" ADD CONSTRAINT "SlaReminder_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
