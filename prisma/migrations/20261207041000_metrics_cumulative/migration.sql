-- Running totals over the rollup, so a dashboard reads a window's facts per placement
-- (or group and tutor) as two index lookups instead of summing every week
-- (lib/metrics/rollup.ts, lib/metrics/facts-sql.ts):
--
-- * metrics_student_cume: per student × group, each rollup week's row holds the sums of
--   metrics_student_week up to and including that week. A run of whole weeks [A, B] is
--   the row at the last week <= B minus the row at the last week < A.
-- * metrics_group_cume: the same over metrics_group_week, per group × tutor.
-- * metrics_week_total: per cycle and week (and per site, subject, and site × subject),
--   the students with minutes that week and the minutes scheduled and delivered: the
--   weekly chart. '' in siteKey / subjectKey = every site / subject.
--
-- The refresh step that rewrites a (group, week) pair rewrites the group's running
-- totals in the same transaction; week totals are recomputed by their own step for
-- the weeks listed in metrics_week_stale (read from the rollup rows until then).

-- Held minutes per group × week × tutor: the cost of tutoring (tutor cost).
ALTER TABLE "metrics_group_week" ADD COLUMN "heldMinutes" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "metrics_student_cume" (
    "groupId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "scheduled" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL,
    "scheduledSessions" INTEGER NOT NULL,
    "held" INTEGER NOT NULL,
    "attended" INTEGER NOT NULL,
    "attendedWithPrimary" INTEGER NOT NULL,
    "absence" INTEGER NOT NULL,
    "notRecorded" INTEGER NOT NULL,
    "shortened" INTEGER NOT NULL,
    "cancelled_TUTOR_ABSENT" INTEGER NOT NULL,
    "cancelled_STUDENT_OR_SCHOOL_EVENT" INTEGER NOT NULL,
    "cancelled_TESTING" INTEGER NOT NULL,
    "cancelled_SCHOOL_CLOSURE" INTEGER NOT NULL,
    "cancelled_OTHER" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,
    "madeUp" INTEGER NOT NULL,
    "schoolDays" INTEGER NOT NULL,

    CONSTRAINT "metrics_student_cume_pkey" PRIMARY KEY ("groupId","studentId","weekStart")
);

CREATE TABLE "metrics_group_cume" (
    "groupId" UUID NOT NULL,
    "tutorId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "held" INTEGER NOT NULL,
    "heldByPrimary" INTEGER NOT NULL,
    "cancelled_TUTOR_ABSENT" INTEGER NOT NULL,
    "cancelled_STUDENT_OR_SCHOOL_EVENT" INTEGER NOT NULL,
    "cancelled_TESTING" INTEGER NOT NULL,
    "cancelled_SCHOOL_CLOSURE" INTEGER NOT NULL,
    "cancelled_OTHER" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,
    "makeupsHeld" INTEGER NOT NULL,
    "heldMinutes" INTEGER NOT NULL,

    CONSTRAINT "metrics_group_cume_pkey" PRIMARY KEY ("groupId","tutorId","weekStart")
);

CREATE TABLE "metrics_week_total" (
    "cycleId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "siteKey" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "students" INTEGER NOT NULL,
    "scheduled" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL,

    CONSTRAINT "metrics_week_total_pkey" PRIMARY KEY ("cycleId","weekStart","siteKey","subjectKey")
);

CREATE TABLE "metrics_week_stale" (
    "weekStart" DATE NOT NULL,

    CONSTRAINT "metrics_week_stale_pkey" PRIMARY KEY ("weekStart")
);

-- A step claims a group's markers together (its running totals are rewritten once).
CREATE INDEX "metrics_stale_groupId_weekStart_idx" ON "metrics_stale"("groupId", "weekStart");

-- The program standard's weeks and roster peak per group (metrics_group_standard),
-- rewritten with the group's pairs.
CREATE TABLE "metrics_group_standard" (
    "groupId" UUID NOT NULL,
    "weeks" INTEGER NOT NULL,
    "largest" INTEGER NOT NULL,

    CONSTRAINT "metrics_group_standard_pkey" PRIMARY KEY ("groupId")
);

-- The week totals are kept per cycle, site and subject, and the program standard counts
-- the weeks between the group's dates: a group moved to another cycle, site or subject,
-- or given new dates, changes every week it has (and its standard, sessions or not).
CREATE FUNCTION "metrics_mark_group_keys"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "metrics_stale" ("groupId", "weekStart")
  SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date FROM "session" s WHERE s."groupId" = NEW."id"
  UNION SELECT NEW."id", date_trunc('week', NEW."startDate"::timestamp)::date;
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_group_keys" AFTER UPDATE OF "cycleId", "siteId", "subject", "startDate", "endDate" ON "tutoring_group"
  FOR EACH ROW WHEN ((OLD."cycleId", OLD."siteId", OLD."subject", OLD."startDate", OLD."endDate")
    IS DISTINCT FROM (NEW."cycleId", NEW."siteId", NEW."subject", NEW."startDate", NEW."endDate"))
  EXECUTE FUNCTION "metrics_mark_group_keys"();

-- A membership changes its group's roster peak, whether or not the group has sessions
-- in its dates: mark a pair of the group (its start's week).
CREATE FUNCTION "metrics_mark_membership_group"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT "groupId", date_trunc('week', "startDate"::timestamp)::date FROM new_rows;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT "groupId", date_trunc('week', "startDate"::timestamp)::date FROM old_rows;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_membership_group_insert" AFTER INSERT ON "membership"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_membership_group"();
CREATE TRIGGER "metrics_membership_group_update" AFTER UPDATE ON "membership"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_membership_group"();
CREATE TRIGGER "metrics_membership_group_delete" AFTER DELETE ON "membership"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_membership_group"();

-- Existing rows: every pair is recomputed (with held minutes, running totals and each
-- group's standard) by the refresh `npm run db:migrate` runs after migrating.
INSERT INTO "metrics_stale" ("groupId", "weekStart")
SELECT DISTINCT "groupId", date_trunc('week', "date"::timestamp)::date FROM "session"
UNION SELECT "id", date_trunc('week', "startDate"::timestamp)::date FROM "tutoring_group";

-- ---------------------------------------------------------------------------
-- Probe series: each placement's scores on its group's measure, kept as the compact
-- text growth reads ("day:KIND:score" by date, day = days since 2000-01-01), so a
-- dashboard reads one row per placement instead of aggregating every probe. Writes
-- to probes (and a group's measure) mark the placement in probe_stale, in the
-- writer's transaction; the fact worker rewrites its series. A placement still
-- marked, or with a score after the window's end, is read from the probes.
-- ---------------------------------------------------------------------------

CREATE TABLE "probe_stale" (
    "id" BIGSERIAL NOT NULL,
    "membershipId" UUID NOT NULL,

    CONSTRAINT "probe_stale_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "probe_series" (
    "membershipId" UUID NOT NULL,
    "lastOn" DATE NOT NULL,
    "scores" TEXT NOT NULL,

    CONSTRAINT "probe_series_pkey" PRIMARY KEY ("membershipId")
);

CREATE INDEX "probe_stale_membershipId_idx" ON "probe_stale"("membershipId");
CREATE INDEX "probe_membershipId_administeredOn_idx" ON "probe"("membershipId", "administeredOn");

CREATE FUNCTION "probe_mark_series"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "probe_stale" ("membershipId") SELECT DISTINCT "membershipId" FROM new_rows WHERE "membershipId" IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "probe_stale" ("membershipId") SELECT DISTINCT "membershipId" FROM old_rows WHERE "membershipId" IS NOT NULL;
  ELSE
    INSERT INTO "probe_stale" ("membershipId")
    SELECT DISTINCT x."membershipId" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    CROSS JOIN LATERAL (VALUES (n."membershipId"), (o."membershipId")) x("membershipId")
    WHERE x."membershipId" IS NOT NULL
      AND (n."membershipId", n."measure", n."kind", n."score", n."administeredOn")
        IS DISTINCT FROM (o."membershipId", o."measure", o."kind", o."score", o."administeredOn");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "probe_series_insert" AFTER INSERT ON "probe"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "probe_mark_series"();
CREATE TRIGGER "probe_series_update" AFTER UPDATE ON "probe"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "probe_mark_series"();
CREATE TRIGGER "probe_series_delete" AFTER DELETE ON "probe"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "probe_mark_series"();

-- A group's measure names which probes count.
CREATE FUNCTION "probe_mark_group_measure"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "probe_stale" ("membershipId") SELECT m."id" FROM "membership" m WHERE m."groupId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "probe_series_group_measure" AFTER UPDATE OF "probeMeasure" ON "tutoring_group"
  FOR EACH ROW WHEN (OLD."probeMeasure" IS DISTINCT FROM NEW."probeMeasure") EXECUTE FUNCTION "probe_mark_group_measure"();

-- Existing probes: written by the refresh `npm run db:migrate` runs.
INSERT INTO "probe_stale" ("membershipId") SELECT DISTINCT "membershipId" FROM "probe" WHERE "membershipId" IS NOT NULL;
