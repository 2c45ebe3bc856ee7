-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('ONEROSTER', 'SUPPORTS');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEW', 'APPLIED', 'DISCARDED', 'FAILED');

-- CreateTable
CREATE TABLE "import_batch" (
    "id" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "siteId" UUID,
    "status" "ImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "fileNames" TEXT[],
    "summary" JSONB NOT NULL,
    "problems" JSONB NOT NULL,
    "problemCount" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "payload" JSONB,
    "result" JSONB,
    "failure" TEXT,
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "progressPhase" TEXT,
    "createdById" UUID NOT NULL,
    "appliedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "appliedAt" TIMESTAMPTZ(3),
    "discardedAt" TIMESTAMPTZ(3),

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batch_siteId_createdAt_idx" ON "import_batch"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "import_batch_createdAt_idx" ON "import_batch"("createdAt");

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_appliedById_fkey" FOREIGN KEY ("appliedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
