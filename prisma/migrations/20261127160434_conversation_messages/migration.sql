-- CreateTable
CREATE TABLE "ConversationMessage" (
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "slackUserId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "platformMessageId" TEXT,
    "error" TEXT,
    "announcedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConversationMessage_requestKey_key" ON "ConversationMessage"("requestKey");

-- CreateIndex
CREATE INDEX "ConversationMessage_escalationId_createdAt_idx" ON "ConversationMessage"("escalationId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationMessage_escalationId_direction_status_idx" ON "ConversationMessage"("escalationId", "direction", "status");

-- CreateIndex
CREATE INDEX "Escalation_slackChannel_slackTs_idx" ON "Escalation"("slackChannel", "slackTs");

-- AddForeignKey
ALTER TABLE "ConversationMessage" ADD CONSTRAINT "ConversationMessage_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
