-- AlterTable
ALTER TABLE "ReportRun" ADD COLUMN     "chartError" TEXT,
ADD COLUMN     "chartFileId" TEXT,
ADD COLUMN     "chartStartedAt" TIMESTAMP(3),
ADD COLUMN     "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
