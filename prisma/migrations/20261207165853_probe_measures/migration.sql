-- CreateEnum
CREATE TYPE "MeasureDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateTable
CREATE TABLE "probe_measure" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "subject" "Subject" NOT NULL,
    "maxScore" DECIMAL(8,2),
    "direction" "MeasureDirection" NOT NULL DEFAULT 'HIGHER_IS_BETTER',
    "benchmark" DECIMAL(8,2),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "probe_measure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "probe_measure_name_key" ON "probe_measure"("name");

-- CreateIndex
CREATE UNIQUE INDEX "probe_measure_nameKey_key" ON "probe_measure"("nameKey");

-- ---------------------------------------------------------------------------
-- The free-text measures groups were created with become the district's list.
-- Spellings that differ only in case or spacing are one measure: the spelling most
-- groups use names it (then the oldest), and every group and probe is rewritten to
-- that name, so growth is no longer split across them. A trailing "/N" gives the
-- maximum score. Measures with other spellings ("ORF wcpm" beside "ORF words correct
-- per minute") are merged by an admin on the measures page.
-- ---------------------------------------------------------------------------
WITH spelled AS (
  SELECT btrim(regexp_replace("probeMeasure", '\s+', ' ', 'g')) AS name, "subject", count(*) AS uses, min("createdAt") AS first
  FROM "tutoring_group" GROUP BY 1, 2
), chosen AS (
  SELECT DISTINCT ON (lower(name)) name, lower(name) AS key, "subject"
  FROM spelled WHERE name <> '' ORDER BY lower(name), uses DESC, first, name
)
INSERT INTO "probe_measure" ("id", "name", "nameKey", "subject", "maxScore", "updatedAt")
SELECT gen_random_uuid(), name, key, "subject",
       NULLIF(substring(name FROM '/\s*([0-9]{1,6})\s*$'), '')::numeric, CURRENT_TIMESTAMP
FROM chosen;

UPDATE "tutoring_group" g SET "probeMeasure" = m."name"
FROM "probe_measure" m
WHERE m."nameKey" = lower(btrim(regexp_replace(g."probeMeasure", '\s+', ' ', 'g'))) AND g."probeMeasure" <> m."name";

UPDATE "probe" p SET "measure" = m."name"
FROM "probe_measure" m
WHERE m."nameKey" = lower(btrim(regexp_replace(p."measure", '\s+', ' ', 'g'))) AND p."measure" <> m."name";

-- AddForeignKey
ALTER TABLE "tutoring_group" ADD CONSTRAINT "tutoring_group_probeMeasure_fkey" FOREIGN KEY ("probeMeasure") REFERENCES "probe_measure"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Rules Prisma's schema language cannot express.
-- ---------------------------------------------------------------------------
ALTER TABLE "probe_measure"
  ADD CONSTRAINT "probe_measure_name_not_blank" CHECK (btrim("name") <> '' AND "nameKey" <> ''),
  ADD CONSTRAINT "probe_measure_scores" CHECK (
    ("maxScore" IS NULL OR "maxScore" > 0)
    AND ("benchmark" IS NULL OR ("benchmark" >= 0 AND ("maxScore" IS NULL OR "benchmark" <= "maxScore")))
  );

-- Renaming a measure renames it on the probes recorded on it (groups follow by the
-- foreign key), so a rename never splits a student's scores.
CREATE FUNCTION "probe_measure_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "probe" SET "measure" = NEW."name" WHERE "measure" = OLD."name";
  RETURN NULL;
END $$;
CREATE TRIGGER "probe_measure_renamed" AFTER UPDATE OF "name" ON "probe_measure"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "probe_measure_renamed"();
