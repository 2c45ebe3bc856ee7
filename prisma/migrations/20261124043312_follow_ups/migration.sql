-- CreateEnum
CREATE TYPE "FollowUpAction" AS ENUM ('CALLED_FAMILY', 'MET_WITH_STUDENT', 'MOVED_TIME_SLOT', 'MAKEUP_SCHEDULED', 'TALKED_WITH_TUTOR', 'CHANGED_INTERVENTION', 'OTHER');

-- CreateTable
CREATE TABLE "follow_up" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "studentId" UUID,
    "groupId" UUID,
    "flag" TEXT NOT NULL,
    "action" "FollowUpAction" NOT NULL,
    "note" TEXT,
    "makeupSessionId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_up_siteId_createdAt_idx" ON "follow_up"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "follow_up_studentId_idx" ON "follow_up"("studentId");

-- CreateIndex
CREATE INDEX "follow_up_groupId_idx" ON "follow_up"("groupId");

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "tutoring_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_makeupSessionId_fkey" FOREIGN KEY ("makeupSessionId") REFERENCES "session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A follow-up is about a student or a group (or both); its flag is named.
ALTER TABLE "follow_up"
  ADD CONSTRAINT "follow_up_subject" CHECK ("studentId" IS NOT NULL OR "groupId" IS NOT NULL),
  ADD CONSTRAINT "follow_up_flag_not_blank" CHECK (btrim("flag") <> ''),
  ADD CONSTRAINT "follow_up_note_length" CHECK ("note" IS NULL OR length("note") <= 1000);

-- History is append-only, like the audit log.
CREATE FUNCTION "refuse_follow_up_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'follow_up is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "follow_up_append_only" BEFORE UPDATE OR DELETE ON "follow_up"
  FOR EACH ROW EXECUTE FUNCTION "refuse_follow_up_change"();
