-- CreateTable
CREATE TABLE "PlatformEcho" (
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformEcho_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlatformEcho_escalationId_kind_value_idx" ON "PlatformEcho"("escalationId", "kind", "value");

-- AddForeignKey
ALTER TABLE "PlatformEcho" ADD CONSTRAINT "PlatformEcho_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
