-- CreateTable
CREATE TABLE "metrics_change" (
    "xid" BIGINT NOT NULL,
    "weekStart" DATE NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metrics_change_pkey" PRIMARY KEY ("xid","weekStart")
);

-- CreateTable
CREATE TABLE "metrics_snapshot" (
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "through" DATE NOT NULL,
    "snapshot" TEXT NOT NULL,
    "builtAt" TIMESTAMPTZ(3) NOT NULL,
    "buildMs" INTEGER NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "metrics_snapshot_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "metrics_change_at_idx" ON "metrics_change"("at");

-- CreateIndex
CREATE INDEX "metrics_snapshot_builtAt_idx" ON "metrics_snapshot"("builtAt");

-- A write to a table the analytics views read, other than the session, attendance and
-- probe rows (the fact worker notes those per week once it has recomputed them, so a
-- tablet's save pays nothing here), notes its transaction as a change to every window
-- (weekStart -infinity). One row per transaction: concurrent writers never wait on
-- each other here (each has its own xid).
CREATE FUNCTION "metrics_note_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "metrics_change" ("xid", "weekStart") VALUES (pg_current_xact_id()::text::bigint, '-infinity')
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "district_settings" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "site" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
-- Not a sign-in (lastSignInAt) nor a notification choice: only what a view shows.
CREATE TRIGGER "metrics_change" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "name", "role", "active", "deactivatedAt" ON "app_user" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user_site" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "provider" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tutor_profile" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "student" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "screener_result" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cycle" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "no_school_day" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "probe_measure" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tutoring_group" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "group_meeting" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "membership" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "follow_up" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tutor_absence" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
-- Session, attendance and probe rows: the worker notes their weeks; a TRUNCATE (tests,
-- restores) leaves no marker, so it is a change to every window here.
CREATE TRIGGER "metrics_change" AFTER TRUNCATE ON "session" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER TRUNCATE ON "attendance" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
CREATE TRIGGER "metrics_change" AFTER TRUNCATE ON "probe" FOR EACH STATEMENT EXECUTE FUNCTION "metrics_note_change"();
