-- Each session records the group's primary tutor on its date, so tutor consistency
-- and a session's fallback tutor never change when a group is handed to a new tutor.
ALTER TABLE "session" ADD COLUMN "primaryTutorId" UUID;
ALTER TABLE "session" ADD CONSTRAINT "session_primaryTutorId_fkey" FOREIGN KEY ("primaryTutorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Whatever code path inserts a session, it starts with the group's current primary tutor.
CREATE FUNCTION "session_default_primary_tutor"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."primaryTutorId" IS NULL THEN
    SELECT g."primaryTutorId" INTO NEW."primaryTutorId" FROM "tutoring_group" g WHERE g."id" = NEW."groupId";
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "session_default_primary_tutor" BEFORE INSERT ON "session"
  FOR EACH ROW EXECUTE FUNCTION "session_default_primary_tutor"();

-- Existing sessions: the group's current primary tutor (the only one known).
UPDATE "session" s SET "primaryTutorId" = g."primaryTutorId" FROM "tutoring_group" g WHERE g."id" = s."groupId";

-- The facts now read the session's own primary tutor: a session whose primary tutor
-- changes marks its week; the group's primary tutor alone no longer changes any fact.
CREATE OR REPLACE FUNCTION "metrics_mark_session"() RETURNS trigger LANGUAGE plpgsql AS $$
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
           n."deliveredById", n."substituteTutorId", n."makeupForId", n."primaryTutorId")
      IS DISTINCT FROM (o."groupId", o."date", o."status", o."cancellationReason", o."plannedMinutes", o."actualMinutes",
           o."deliveredById", o."substituteTutorId", o."makeupForId", o."primaryTutorId");
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER "metrics_group_tutor" ON "tutoring_group";
DROP FUNCTION "metrics_mark_group_tutor"();

-- Dose vs target prorates a week by its school days inside the placement's dates.
ALTER TABLE "metrics_student_week" ADD COLUMN "schoolDays" INTEGER NOT NULL DEFAULT 0;

-- A no-school day added, moved or removed changes the school days of its week for
-- the groups of its site (every site when it is district-wide).
CREATE FUNCTION "metrics_mark_no_school_day"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "metrics_stale" ("groupId", "weekStart")
  SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
  FROM (
    SELECT "date", "siteId" FROM new_rows
    UNION ALL SELECT "date", "siteId" FROM old_rows
  ) d
  JOIN "tutoring_group" g ON d."siteId" IS NULL OR g."siteId" = d."siteId"
  JOIN "session" s ON s."groupId" = g."id"
    AND s."date" >= date_trunc('week', d."date"::timestamp)::date AND s."date" <= date_trunc('week', d."date"::timestamp)::date + 6;
  RETURN NULL;
END $$;
CREATE FUNCTION "metrics_mark_no_school_day_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "metrics_stale" ("groupId", "weekStart")
  SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
  FROM new_rows d
  JOIN "tutoring_group" g ON d."siteId" IS NULL OR g."siteId" = d."siteId"
  JOIN "session" s ON s."groupId" = g."id"
    AND s."date" >= date_trunc('week', d."date"::timestamp)::date AND s."date" <= date_trunc('week', d."date"::timestamp)::date + 6;
  RETURN NULL;
END $$;
CREATE FUNCTION "metrics_mark_no_school_day_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "metrics_stale" ("groupId", "weekStart")
  SELECT DISTINCT s."groupId", date_trunc('week', s."date"::timestamp)::date
  FROM old_rows d
  JOIN "tutoring_group" g ON d."siteId" IS NULL OR g."siteId" = d."siteId"
  JOIN "session" s ON s."groupId" = g."id"
    AND s."date" >= date_trunc('week', d."date"::timestamp)::date AND s."date" <= date_trunc('week', d."date"::timestamp)::date + 6;
  RETURN NULL;
END $$;
CREATE TRIGGER "metrics_no_school_day_insert" AFTER INSERT ON "no_school_day"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_no_school_day_insert"();
CREATE TRIGGER "metrics_no_school_day_update" AFTER UPDATE ON "no_school_day"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_no_school_day"();
CREATE TRIGGER "metrics_no_school_day_delete" AFTER DELETE ON "no_school_day"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metrics_mark_no_school_day_delete"();

-- The program standard's consistent tutor: held sessions delivered by the session's own primary tutor.
ALTER TABLE "metrics_group_week" ADD COLUMN "heldByPrimary" INTEGER NOT NULL DEFAULT 0;

-- Every existing week is recomputed with the new columns (read live until then).
INSERT INTO "metrics_stale" ("groupId", "weekStart")
SELECT DISTINCT "groupId", date_trunc('week', "date"::timestamp)::date FROM "session";
