-- CreateTable
CREATE TABLE "roster_class" (
    "id" UUID NOT NULL,
    "sourceId" TEXT NOT NULL,
    "siteId" UUID,
    "title" TEXT NOT NULL,
    "classCode" TEXT,
    "classType" TEXT NOT NULL,
    "location" TEXT,
    "periods" TEXT[],
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_class_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "class_enrollment" (
    "id" UUID NOT NULL,
    "sourceId" TEXT NOT NULL,
    "classId" UUID NOT NULL,
    "userSourceId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "class_enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "roster_class_sourceId_key" ON "roster_class"("sourceId");

-- CreateIndex
CREATE INDEX "roster_class_siteId_idx" ON "roster_class"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "class_enrollment_sourceId_key" ON "class_enrollment"("sourceId");

-- CreateIndex
CREATE INDEX "class_enrollment_userSourceId_idx" ON "class_enrollment"("userSourceId");

-- CreateIndex
CREATE UNIQUE INDEX "class_enrollment_once" ON "class_enrollment"("classId", "userSourceId", "role");

-- AddForeignKey
ALTER TABLE "roster_class" ADD CONSTRAINT "roster_class_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_enrollment" ADD CONSTRAINT "class_enrollment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "roster_class"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "roster_class"
  ADD CONSTRAINT "roster_class_type" CHECK ("classType" IN ('homeroom', 'scheduled')),
  ADD CONSTRAINT "roster_class_title_not_blank" CHECK (btrim("title") <> '');

ALTER TABLE "class_enrollment"
  ADD CONSTRAINT "class_enrollment_role" CHECK ("role" IN ('student', 'teacher'));
