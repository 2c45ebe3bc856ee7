-- CreateEnum
CREATE TYPE "AbsenceKind" AS ENUM ('ABSENT', 'LEAVE');

-- CreateTable
CREATE TABLE "tutor_absence" (
    "id" UUID NOT NULL,
    "tutorId" UUID NOT NULL,
    "kind" "AbsenceKind" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "note" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tutor_absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tutor_absence_tutorId_startDate_idx" ON "tutor_absence"("tutorId", "startDate");

-- AddForeignKey
ALTER TABLE "tutor_absence" ADD CONSTRAINT "tutor_absence_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tutor_absence" ADD CONSTRAINT "tutor_absence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A leave ends on or after the day it starts.
ALTER TABLE "tutor_absence" ADD CONSTRAINT "tutor_absence_dates_check" CHECK ("endDate" >= "startDate");
