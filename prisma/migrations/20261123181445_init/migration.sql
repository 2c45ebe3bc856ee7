-- CreateEnum
CREATE TYPE "Role" AS ENUM ('DISTRICT_ADMIN', 'DISTRICT_LEADER', 'SITE_COORDINATOR', 'TUTOR');

-- CreateEnum
CREATE TYPE "Subject" AS ENUM ('MATH', 'ELA');

-- CreateEnum
CREATE TYPE "StudentStatus" AS ENUM ('ACTIVE', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'NONBINARY', 'NOT_REPORTED');

-- CreateEnum
CREATE TYPE "RaceEthnicity" AS ENUM ('AMERICAN_INDIAN_ALASKA_NATIVE', 'ASIAN', 'BLACK', 'HISPANIC_LATINO', 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 'WHITE', 'TWO_OR_MORE', 'NOT_REPORTED');

-- CreateEnum
CREATE TYPE "ProviderKind" AS ENUM ('DISTRICT_STAFF', 'PARTNER');

-- CreateEnum
CREATE TYPE "CredentialStatus" AS ENUM ('PENDING', 'IN_TRAINING', 'CLEARED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "NoSchoolKind" AS ENUM ('HOLIDAY', 'BREAK', 'PD_DAY', 'TESTING', 'OTHER');

-- CreateEnum
CREATE TYPE "Modality" AS ENUM ('IN_SCHOOL_PULL_OUT', 'PUSH_IN', 'AFTER_SCHOOL', 'VIRTUAL');

-- CreateEnum
CREATE TYPE "GroupStatus" AS ENUM ('ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CancellationReason" AS ENUM ('TUTOR_ABSENT', 'STUDENT_OR_SCHOOL_EVENT', 'TESTING', 'SCHOOL_CLOSURE', 'OTHER');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'PARTIAL', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED');

-- CreateEnum
CREATE TYPE "ProbeKind" AS ENUM ('PRE', 'PROGRESS', 'POST');

-- CreateTable
CREATE TABLE "district_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "districtName" TEXT NOT NULL DEFAULT 'Demo Unified School District',
    "timeZone" TEXT NOT NULL DEFAULT 'America/Chicago',
    "targetSessionsPerWeek" INTEGER NOT NULL DEFAULT 3,
    "targetMinutesPerSession" INTEGER NOT NULL DEFAULT 30,
    "targetMinutesPerWeek" INTEGER NOT NULL DEFAULT 90,
    "maxGroupSize" INTEGER NOT NULL DEFAULT 4,
    "eligibilityPercentile" INTEGER NOT NULL DEFAULT 40,
    "minProgramWeeks" INTEGER NOT NULL DEFAULT 10,
    "flagConsecutiveAbsences" INTEGER NOT NULL DEFAULT 3,
    "flagDoseRatePercent" INTEGER NOT NULL DEFAULT 70,
    "flagDoseWindowWeeks" INTEGER NOT NULL DEFAULT 4,
    "flagNoProbeWeeks" INTEGER NOT NULL DEFAULT 6,
    "flagProbesBelowAim" INTEGER NOT NULL DEFAULT 3,
    "flagNoHeldSessionDays" INTEGER NOT NULL DEFAULT 7,
    "suppressionMinN" INTEGER NOT NULL DEFAULT 10,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "district_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceId" TEXT,
    "gradeMin" INTEGER NOT NULL,
    "gradeMax" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivatedAt" TIMESTAMPTZ(3),
    "lastSignInAt" TIMESTAMPTZ(3),
    "sourceId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_site" (
    "userId" UUID NOT NULL,
    "siteId" UUID NOT NULL,

    CONSTRAINT "user_site_pkey" PRIMARY KEY ("userId","siteId")
);

-- CreateTable
CREATE TABLE "provider" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProviderKind" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tutor_profile" (
    "userId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "subjects" "Subject"[],
    "gradeMin" INTEGER NOT NULL,
    "gradeMax" INTEGER NOT NULL,
    "capacityGroups" INTEGER,
    "capacityMinutesPerWeek" INTEGER,
    "hourlyCostCents" INTEGER,
    "credentialStatus" "CredentialStatus" NOT NULL DEFAULT 'PENDING',
    "credentialExpiresOn" DATE,

    CONSTRAINT "tutor_profile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "student" (
    "id" UUID NOT NULL,
    "sisId" TEXT NOT NULL,
    "sourceId" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "siteId" UUID NOT NULL,
    "status" "StudentStatus" NOT NULL DEFAULT 'ACTIVE',
    "withdrawnOn" DATE,
    "referredOn" DATE,
    "raceEthnicity" "RaceEthnicity" NOT NULL DEFAULT 'NOT_REPORTED',
    "gender" "Gender" NOT NULL DEFAULT 'NOT_REPORTED',
    "multilingualLearner" BOOLEAN NOT NULL DEFAULT false,
    "iep" BOOLEAN NOT NULL DEFAULT false,
    "section504" BOOLEAN NOT NULL DEFAULT false,
    "economicallyDisadvantaged" BOOLEAN NOT NULL DEFAULT false,
    "foster" BOOLEAN NOT NULL DEFAULT false,
    "homeless" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "student_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screener_result" (
    "id" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "subject" "Subject" NOT NULL,
    "measure" TEXT NOT NULL,
    "score" DECIMAL(8,2),
    "percentile" INTEGER NOT NULL,
    "testedOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screener_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cycle" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "no_school_day" (
    "id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "siteId" UUID,
    "kind" "NoSchoolKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "no_school_day_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tutoring_group" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "siteId" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "subject" "Subject" NOT NULL,
    "gradeMin" INTEGER NOT NULL,
    "gradeMax" INTEGER NOT NULL,
    "targetSkill" TEXT NOT NULL,
    "probeMeasure" TEXT NOT NULL,
    "primaryTutorId" UUID NOT NULL,
    "modality" "Modality" NOT NULL,
    "room" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "status" "GroupStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tutoring_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_meeting" (
    "id" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "plannedMinutes" INTEGER NOT NULL,

    CONSTRAINT "group_meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "endReason" TEXT,
    "goalScore" DECIMAL(8,2),
    "goalDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "plannedMinutes" INTEGER NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "cancellationReason" "CancellationReason",
    "substituteTutorId" UUID,
    "deliveredById" UUID,
    "actualMinutes" INTEGER,
    "makeupForId" UUID,
    "note" TEXT,
    "loggedAt" TIMESTAMPTZ(3),
    "loggedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "minutesAttended" INTEGER,
    "clientId" TEXT,
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe" (
    "id" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "groupId" UUID,
    "membershipId" UUID,
    "measure" TEXT NOT NULL,
    "kind" "ProbeKind" NOT NULL,
    "score" DECIMAL(8,2) NOT NULL,
    "maxScore" DECIMAL(8,2),
    "administeredOn" DATE NOT NULL,
    "tutorId" UUID,
    "clientId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "siteId" UUID,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "site_code_key" ON "site"("code");

-- CreateIndex
CREATE UNIQUE INDEX "site_sourceId_key" ON "site"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_sourceId_key" ON "app_user"("sourceId");

-- CreateIndex
CREATE INDEX "app_user_role_idx" ON "app_user"("role");

-- CreateIndex
CREATE INDEX "user_site_siteId_idx" ON "user_site"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "provider_name_key" ON "provider"("name");

-- CreateIndex
CREATE INDEX "tutor_profile_providerId_idx" ON "tutor_profile"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "student_sisId_key" ON "student"("sisId");

-- CreateIndex
CREATE UNIQUE INDEX "student_sourceId_key" ON "student"("sourceId");

-- CreateIndex
CREATE INDEX "student_siteId_status_idx" ON "student"("siteId", "status");

-- CreateIndex
CREATE INDEX "student_siteId_grade_idx" ON "student"("siteId", "grade");

-- CreateIndex
CREATE INDEX "student_lastName_firstName_idx" ON "student"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "screener_result_subject_percentile_idx" ON "screener_result"("subject", "percentile");

-- CreateIndex
CREATE UNIQUE INDEX "screener_result_studentId_subject_measure_testedOn_key" ON "screener_result"("studentId", "subject", "measure", "testedOn");

-- CreateIndex
CREATE UNIQUE INDEX "cycle_name_key" ON "cycle"("name");

-- CreateIndex
CREATE INDEX "cycle_startDate_endDate_idx" ON "cycle"("startDate", "endDate");

-- CreateIndex
CREATE INDEX "no_school_day_date_idx" ON "no_school_day"("date");

-- CreateIndex
CREATE UNIQUE INDEX "no_school_day_date_siteId_key" ON "no_school_day"("date", "siteId");

-- CreateIndex
CREATE INDEX "tutoring_group_siteId_cycleId_idx" ON "tutoring_group"("siteId", "cycleId");

-- CreateIndex
CREATE INDEX "tutoring_group_primaryTutorId_idx" ON "tutoring_group"("primaryTutorId");

-- CreateIndex
CREATE UNIQUE INDEX "group_meeting_groupId_weekday_startMinute_key" ON "group_meeting"("groupId", "weekday", "startMinute");

-- CreateIndex
CREATE INDEX "membership_groupId_startDate_idx" ON "membership"("groupId", "startDate");

-- CreateIndex
CREATE INDEX "membership_studentId_startDate_idx" ON "membership"("studentId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "session_makeupForId_key" ON "session"("makeupForId");

-- CreateIndex
CREATE INDEX "session_date_status_idx" ON "session"("date", "status");

-- CreateIndex
CREATE INDEX "session_substituteTutorId_date_idx" ON "session"("substituteTutorId", "date");

-- CreateIndex
CREATE INDEX "session_deliveredById_date_idx" ON "session"("deliveredById", "date");

-- CreateIndex
CREATE UNIQUE INDEX "session_groupId_date_startMinute_key" ON "session"("groupId", "date", "startMinute");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_clientId_key" ON "attendance"("clientId");

-- CreateIndex
CREATE INDEX "attendance_studentId_idx" ON "attendance"("studentId");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_sessionId_studentId_key" ON "attendance"("sessionId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "probe_clientId_key" ON "probe"("clientId");

-- CreateIndex
CREATE INDEX "probe_studentId_measure_administeredOn_idx" ON "probe"("studentId", "measure", "administeredOn");

-- CreateIndex
CREATE INDEX "probe_groupId_administeredOn_idx" ON "probe"("groupId", "administeredOn");

-- CreateIndex
CREATE INDEX "audit_event_entityType_entityId_idx" ON "audit_event"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_actorId_at_idx" ON "audit_event"("actorId", "at");

-- AddForeignKey
ALTER TABLE "district_settings" ADD CONSTRAINT "district_settings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_site" ADD CONSTRAINT "user_site_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_site" ADD CONSTRAINT "user_site_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tutor_profile" ADD CONSTRAINT "tutor_profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tutor_profile" ADD CONSTRAINT "tutor_profile_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student" ADD CONSTRAINT "student_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screener_result" ADD CONSTRAINT "screener_result_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "no_school_day" ADD CONSTRAINT "no_school_day_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tutoring_group" ADD CONSTRAINT "tutoring_group_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tutoring_group" ADD CONSTRAINT "tutoring_group_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tutoring_group" ADD CONSTRAINT "tutoring_group_primaryTutorId_fkey" FOREIGN KEY ("primaryTutorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_meeting" ADD CONSTRAINT "group_meeting_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "tutoring_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "tutoring_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "tutoring_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_substituteTutorId_fkey" FOREIGN KEY ("substituteTutorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_deliveredById_fkey" FOREIGN KEY ("deliveredById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_makeupForId_fkey" FOREIGN KEY ("makeupForId") REFERENCES "session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe" ADD CONSTRAINT "probe_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe" ADD CONSTRAINT "probe_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "tutoring_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe" ADD CONSTRAINT "probe_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe" ADD CONSTRAINT "probe_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Rules Prisma's schema language cannot express. Prisma neither creates nor
-- drops CHECK constraints, functions or triggers, so later diffs keep them.
-- ---------------------------------------------------------------------------

ALTER TABLE "district_settings"
  ADD CONSTRAINT "district_settings_singleton" CHECK ("id" = 1),
  ADD CONSTRAINT "district_settings_positive" CHECK (
    "targetSessionsPerWeek" BETWEEN 1 AND 14 AND "targetMinutesPerSession" BETWEEN 1 AND 240
    AND "targetMinutesPerWeek" BETWEEN 1 AND 3000 AND "maxGroupSize" BETWEEN 1 AND 12
    AND "eligibilityPercentile" BETWEEN 1 AND 100 AND "minProgramWeeks" BETWEEN 1 AND 52
    AND "flagConsecutiveAbsences" BETWEEN 1 AND 50 AND "flagDoseRatePercent" BETWEEN 1 AND 100
    AND "flagDoseWindowWeeks" BETWEEN 1 AND 52 AND "flagNoProbeWeeks" BETWEEN 1 AND 52
    AND "flagProbesBelowAim" BETWEEN 1 AND 20 AND "flagNoHeldSessionDays" BETWEEN 1 AND 90
    AND "suppressionMinN" BETWEEN 1 AND 100);

ALTER TABLE "site"
  ADD CONSTRAINT "site_code_not_blank" CHECK (btrim("code") <> ''),
  ADD CONSTRAINT "site_grades" CHECK ("gradeMin" BETWEEN -1 AND 12 AND "gradeMax" BETWEEN "gradeMin" AND 12);

ALTER TABLE "app_user"
  ADD CONSTRAINT "app_user_email_lowercase" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%'),
  ADD CONSTRAINT "app_user_deactivated" CHECK ("active" OR "deactivatedAt" IS NOT NULL);

ALTER TABLE "tutor_profile"
  ADD CONSTRAINT "tutor_profile_grades" CHECK ("gradeMin" BETWEEN -1 AND 12 AND "gradeMax" BETWEEN "gradeMin" AND 12),
  ADD CONSTRAINT "tutor_profile_capacity" CHECK (("capacityGroups" IS NULL OR "capacityGroups" > 0) AND ("capacityMinutesPerWeek" IS NULL OR "capacityMinutesPerWeek" > 0)),
  ADD CONSTRAINT "tutor_profile_cost" CHECK ("hourlyCostCents" IS NULL OR "hourlyCostCents" >= 0);

ALTER TABLE "student"
  ADD CONSTRAINT "student_sis_id_not_blank" CHECK (btrim("sisId") <> ''),
  ADD CONSTRAINT "student_grade" CHECK ("grade" BETWEEN -1 AND 12),
  ADD CONSTRAINT "student_withdrawn_on" CHECK ("withdrawnOn" IS NULL OR "status" = 'WITHDRAWN');

ALTER TABLE "screener_result"
  ADD CONSTRAINT "screener_result_percentile" CHECK ("percentile" BETWEEN 0 AND 100),
  ADD CONSTRAINT "screener_result_score" CHECK ("score" IS NULL OR "score" >= 0);

ALTER TABLE "cycle"
  ADD CONSTRAINT "cycle_dates" CHECK ("endDate" >= "startDate");

ALTER TABLE "tutoring_group"
  ADD CONSTRAINT "group_grades" CHECK ("gradeMin" BETWEEN -1 AND 12 AND "gradeMax" BETWEEN "gradeMin" AND 12),
  ADD CONSTRAINT "group_dates" CHECK ("endDate" >= "startDate");

ALTER TABLE "group_meeting"
  ADD CONSTRAINT "group_meeting_weekday" CHECK ("weekday" BETWEEN 1 AND 7),
  ADD CONSTRAINT "group_meeting_start" CHECK ("startMinute" BETWEEN 0 AND 1439),
  ADD CONSTRAINT "group_meeting_minutes" CHECK ("plannedMinutes" BETWEEN 1 AND 240);

ALTER TABLE "membership"
  ADD CONSTRAINT "membership_dates" CHECK ("endDate" IS NULL OR "endDate" >= "startDate"),
  ADD CONSTRAINT "membership_goal" CHECK ("goalScore" IS NULL OR "goalScore" >= 0);

ALTER TABLE "session"
  ADD CONSTRAINT "session_start" CHECK ("startMinute" BETWEEN 0 AND 1439),
  ADD CONSTRAINT "session_planned_minutes" CHECK ("plannedMinutes" BETWEEN 1 AND 240),
  ADD CONSTRAINT "session_actual_minutes" CHECK ("actualMinutes" IS NULL OR "actualMinutes" BETWEEN 0 AND 480),
  ADD CONSTRAINT "session_cancellation_reason" CHECK (("status" = 'CANCELLED') = ("cancellationReason" IS NOT NULL)),
  ADD CONSTRAINT "session_held_minutes" CHECK ("status" <> 'HELD' OR "actualMinutes" IS NOT NULL),
  ADD CONSTRAINT "session_makeup_not_self" CHECK ("makeupForId" IS NULL OR "makeupForId" <> "id");

ALTER TABLE "attendance"
  ADD CONSTRAINT "attendance_minutes" CHECK ("minutesAttended" IS NULL OR "minutesAttended" BETWEEN 0 AND 480),
  ADD CONSTRAINT "attendance_partial_minutes" CHECK ("status" <> 'PARTIAL' OR "minutesAttended" IS NOT NULL);

ALTER TABLE "probe"
  ADD CONSTRAINT "probe_score" CHECK ("score" >= 0 AND ("maxScore" IS NULL OR ("maxScore" > 0 AND "score" <= "maxScore")));

-- A group's dates lie inside its cycle.
CREATE FUNCTION "check_group_in_cycle"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE c RECORD;
BEGIN
  SELECT "startDate", "endDate", "name" INTO c FROM "cycle" WHERE "id" = NEW."cycleId";
  IF NEW."startDate" < c."startDate" OR NEW."endDate" > c."endDate" THEN
    RAISE EXCEPTION 'group_outside_cycle: group dates % to % fall outside cycle "%" (% to %)',
      NEW."startDate", NEW."endDate", c."name", c."startDate", c."endDate"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "group_in_cycle" BEFORE INSERT OR UPDATE OF "startDate", "endDate", "cycleId" ON "tutoring_group"
  FOR EACH ROW EXECUTE FUNCTION "check_group_in_cycle"();

-- A membership lies inside its group's dates, never overlaps another membership of
-- the same student in the same group, and the group never holds more students at
-- once than the policy's size limit. The group row is locked first, so two
-- coordinators placing the last seat at once are serialized: one wins.
CREATE FUNCTION "check_membership"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g RECORD;
  size_limit INT;
  peak INT;
BEGIN
  SELECT "startDate", "endDate", "name" INTO g FROM "tutoring_group" WHERE "id" = NEW."groupId" FOR UPDATE;
  IF NEW."startDate" < g."startDate" OR NEW."startDate" > g."endDate"
     OR (NEW."endDate" IS NOT NULL AND NEW."endDate" > g."endDate") THEN
    RAISE EXCEPTION 'membership_outside_group: membership dates fall outside group "%" (% to %)', g."name", g."startDate", g."endDate"
      USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM "membership" m
    WHERE m."groupId" = NEW."groupId" AND m."studentId" = NEW."studentId" AND m."id" <> NEW."id"
      AND m."startDate" <= COALESCE(NEW."endDate", 'infinity'::date)
      AND COALESCE(m."endDate", 'infinity'::date) >= NEW."startDate"
  ) THEN
    RAISE EXCEPTION 'membership_overlap: the student is already in group "%" on these dates', g."name"
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT "maxGroupSize" INTO size_limit FROM "district_settings" WHERE "id" = 1;
  size_limit := COALESCE(size_limit, 4);
  -- The most students at once within the new membership's dates: the peak is
  -- reached on the start date of one of the overlapping memberships.
  SELECT COALESCE(MAX(n), 0) INTO peak FROM (
    SELECT d, COUNT(*) AS n
    FROM (
      SELECT GREATEST(m."startDate", NEW."startDate") AS d
      FROM "membership" m
      WHERE m."groupId" = NEW."groupId" AND m."id" <> NEW."id"
        AND m."startDate" <= COALESCE(NEW."endDate", 'infinity'::date)
        AND COALESCE(m."endDate", 'infinity'::date) >= NEW."startDate"
      UNION SELECT NEW."startDate"
    ) points
    JOIN "membership" m2 ON m2."groupId" = NEW."groupId" AND m2."id" <> NEW."id"
      AND m2."startDate" <= points.d AND COALESCE(m2."endDate", 'infinity'::date) >= points.d
    GROUP BY d
  ) counts;
  IF peak + 1 > size_limit THEN
    RAISE EXCEPTION 'group_full: group "%" already has % students on these dates (limit %)', g."name", peak, size_limit
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "membership_rules" BEFORE INSERT OR UPDATE OF "groupId", "studentId", "startDate", "endDate" ON "membership"
  FOR EACH ROW EXECUTE FUNCTION "check_membership"();

-- History is append-only.
CREATE FUNCTION "refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "refuse_audit_change"();
