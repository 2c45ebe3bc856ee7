-- Uploads wait their turn for the one staging slot of the district, across every app
-- process: a batch row is QUEUED at upload, STAGING while it is checked, and the
-- process holding its files keeps stagingHeartbeatAt fresh (a stale one has died).
ALTER TYPE "ImportStatus" ADD VALUE 'QUEUED';
ALTER TYPE "ImportStatus" ADD VALUE 'STAGING';

ALTER TABLE "import_batch" ADD COLUMN "stagingHeartbeatAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "import_batch_status_createdAt_idx" ON "import_batch"("status", "createdAt");
