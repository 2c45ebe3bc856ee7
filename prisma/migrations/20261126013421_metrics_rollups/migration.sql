-- CreateTable
CREATE TABLE "metrics_stale" (
    "id" BIGSERIAL NOT NULL,
    "groupId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,

    CONSTRAINT "metrics_stale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metrics_student_week" (
    "weekStart" DATE NOT NULL,
    "groupId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
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

    CONSTRAINT "metrics_student_week_pkey" PRIMARY KEY ("weekStart","groupId","studentId")
);

-- CreateTable
CREATE TABLE "metrics_group_week" (
    "weekStart" DATE NOT NULL,
    "groupId" UUID NOT NULL,
    "tutorId" UUID NOT NULL,
    "held" INTEGER NOT NULL,
    "cancelled_TUTOR_ABSENT" INTEGER NOT NULL,
    "cancelled_STUDENT_OR_SCHOOL_EVENT" INTEGER NOT NULL,
    "cancelled_TESTING" INTEGER NOT NULL,
    "cancelled_SCHOOL_CLOSURE" INTEGER NOT NULL,
    "cancelled_OTHER" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,
    "makeupsHeld" INTEGER NOT NULL,

    CONSTRAINT "metrics_group_week_pkey" PRIMARY KEY ("weekStart","groupId","tutorId")
);

-- CreateIndex
CREATE INDEX "metrics_student_week_studentId_idx" ON "metrics_student_week"("studentId");

-- CreateIndex
CREATE INDEX "metrics_student_week_groupId_idx" ON "metrics_student_week"("groupId");

-- CreateIndex
CREATE INDEX "metrics_group_week_groupId_idx" ON "metrics_group_week"("groupId");

-- ---------------------------------------------------------------------------
-- Keeping the rollups current (lib/metrics/rollup.ts). Every write that can change
-- a (group, week)'s facts appends that pair to metrics_stale, in the writer's own
-- transaction: session rows (logging, cancelling, make-ups, substitutes, schedule
-- regeneration), attendance rows, membership dates (placing, moving, withdrawing)
-- and a group's primary tutor. Whatever code path writes, the pair is marked.
-- Appends only (no unique key): writers never wait on each other or on a refresh.
-- Statement-level triggers with transition tables: a bulk insert marks each pair
-- once per statement, not once per row.
-- ---------------------------------------------------------------------------

CREATE FUNCTION "metrics_mark_session"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT "groupId", date_trunc('week', "date"::timestamp)::date FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT "groupId", date_trunc('week', "date"::timestamp)::date FROM old_rows;
  ELSE
    -- Only columns the facts read (not a note, loggedAt or updatedAt).
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT x."groupId", date_trunc('week', x."date"::timestamp)::date
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    CROSS JOIN LATERAL (VALUES (n."groupId", n."date"), (o."groupId", o."date")) x("groupId", "date")
    WHERE (n."groupId", n."date", n."status", n."cancellationReason", n."plannedMinutes", n."actualMinutes",
           n."deliveredById", n."substituteTutorId", n."makeupForId")
      IS DISTINCT FROM (o."groupId", o."date", o."status", o."cancellationReason", o."plannedMinutes", o."actualMinutes",
           o."deliveredById", o."substituteTutorId", o."makeupForId");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_session_insert" AFTER INSERT ON "session"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_session"();
CREATE TRIGGER "metrics_session_update" AFTER UPDATE ON "session"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_session"();
CREATE TRIGGER "metrics_session_delete" AFTER DELETE ON "session"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_session"();

CREATE FUNCTION "metrics_mark_attendance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
    FROM (SELECT DISTINCT "sessionId" FROM new_rows) a JOIN "session" s ON s."id" = a."sessionId";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
    FROM (SELECT DISTINCT "sessionId" FROM old_rows) a JOIN "session" s ON s."id" = a."sessionId";
  ELSE
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
    FROM (
      SELECT x."sessionId" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      CROSS JOIN LATERAL (VALUES (n."sessionId"), (o."sessionId")) x("sessionId")
      WHERE (n."sessionId", n."studentId", n."status", n."minutesAttended")
        IS DISTINCT FROM (o."sessionId", o."studentId", o."status", o."minutesAttended")
    ) a JOIN "session" s ON s."id" = a."sessionId";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_attendance_insert" AFTER INSERT ON "attendance"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_attendance"();
CREATE TRIGGER "metrics_attendance_update" AFTER UPDATE ON "attendance"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_attendance"();
CREATE TRIGGER "metrics_attendance_delete" AFTER DELETE ON "attendance"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_attendance"();

-- A membership counts the group's sessions between its dates: mark the weeks of
-- those sessions, under the old dates and the new.
CREATE FUNCTION "metrics_mark_membership"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
    FROM new_rows m JOIN "session" s ON s."groupId" = m."groupId"
      AND s."date" >= m."startDate" AND (m."endDate" IS NULL OR s."date" <= m."endDate");
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
    FROM old_rows m JOIN "session" s ON s."groupId" = m."groupId"
      AND s."date" >= m."startDate" AND (m."endDate" IS NULL OR s."date" <= m."endDate");
  ELSE
    INSERT INTO "metrics_stale" ("groupId", "weekStart")
    SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
    FROM (
      SELECT x.* FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      CROSS JOIN LATERAL (VALUES (n."groupId", n."startDate", n."endDate"), (o."groupId", o."startDate", o."endDate")) x("groupId", "startDate", "endDate")
      WHERE (n."groupId", n."studentId", n."startDate", n."endDate")
        IS DISTINCT FROM (o."groupId", o."studentId", o."startDate", o."endDate")
    ) m JOIN "session" s ON s."groupId" = m."groupId"
      AND s."date" >= m."startDate" AND (m."endDate" IS NULL OR s."date" <= m."endDate");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_membership_insert" AFTER INSERT ON "membership"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_membership"();
CREATE TRIGGER "metrics_membership_update" AFTER UPDATE ON "membership"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_membership"();
CREATE TRIGGER "metrics_membership_delete" AFTER DELETE ON "membership"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_membership"();

-- A session's tutor falls back to the group's primary tutor, and tutor consistency
-- compares with it: a new primary tutor changes every week of the group.
CREATE FUNCTION "metrics_mark_group_tutor"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "metrics_stale" ("groupId", "weekStart")
  SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date FROM "session" s WHERE s."groupId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_group_tutor" AFTER UPDATE OF "primaryTutorId" ON "tutoring_group"
  FOR EACH ROW WHEN (OLD."primaryTutorId" IS DISTINCT FROM NEW."primaryTutorId") EXECUTE FUNCTION "metrics_mark_group_tutor"();

-- Rows already in the database: every pair is stale until the first refresh.
INSERT INTO "metrics_stale" ("groupId", "weekStart")
SELECT DISTINCT "groupId", date_trunc('week', "date"::timestamp)::date FROM "session";
