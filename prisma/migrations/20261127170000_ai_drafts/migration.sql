-- CreateTable
CREATE TABLE "AiDraft" (
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT,
    "inputHash" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'shown',
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AiDraft_escalationId_createdAt_idx" ON "AiDraft"("escalationId", "createdAt");

-- CreateIndex
CREATE INDEX "AiDraft_createdAt_idx" ON "AiDraft"("createdAt");

-- AddForeignKey
ALTER TABLE "AiDraft" ADD CONSTRAINT "AiDraft_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
