// Writes a roster plan inside the apply transaction: a few set statements per
// chunk of rows (jsonb_to_recordset), never one query per student, so 50,000
// rows take seconds. Students are withdrawn, never deleted: memberships,
// attendance and probes keep pointing at them.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ProgressReporter } from './progress';
import type { RosterPlan, StudentWrite } from './roster-plan';
import { chunks } from './chunks';
import type { ImportScope } from './types';

type Tx = Prisma.TransactionClient;

/** The site of a row's school (v.school, v."schoolCode"): by sourcedId, then by code. */
const SITE_OF_SCHOOL = `COALESCE((SELECT s.id FROM site s WHERE s."sourceId" = v.school LIMIT 1),
                       (SELECT s.id FROM site s WHERE s.code = v."schoolCode" LIMIT 1))`;

const STUDENT_COLUMNS = `id uuid, "sourceId" text, "sisId" text, "firstName" text, "lastName" text, grade int, "siteId" uuid,
  "raceEthnicity" text, gender text`;

async function createSites(tx: Tx, plan: RosterPlan): Promise<Map<string, string>> {
  const siteBySchool = new Map<string, string>();
  if (plan.newSites.length === 0) return siteBySchool;
  const created = await tx.$queryRawUnsafe<{ id: string; sourceId: string }[]>(
    `INSERT INTO site (id, code, name, "sourceId", "gradeMin", "gradeMax", "updatedAt")
     SELECT gen_random_uuid(), v.code, v.name, v."sourceId", v."gradeMin", v."gradeMax", now()
       FROM jsonb_to_recordset($1::jsonb) AS v(code text, name text, "sourceId" text, "gradeMin" int, "gradeMax" int)
     RETURNING id::text, "sourceId"`,
    JSON.stringify(plan.newSites),
  );
  for (const site of created) siteBySchool.set(site.sourceId, site.id);
  return siteBySchool;
}

async function updateSites(tx: Tx, plan: RosterPlan): Promise<void> {
  if (plan.siteUpdates.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE site s SET name = v.name, "sourceId" = v."sourceId", "updatedAt" = now()
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, name text, "sourceId" text) WHERE s.id = v.id`,
    JSON.stringify(plan.siteUpdates),
  );
}

function withSite(rows: StudentWrite[], siteBySchool: Map<string, string>): StudentWrite[] {
  return rows.map((row) => (row.siteId !== null ? row : { ...row, siteId: siteBySchool.get(row.school) ?? null }));
}

async function insertStudents(tx: Tx, rows: StudentWrite[]): Promise<number> {
  return tx.$executeRawUnsafe(
    `INSERT INTO student (id, "sourceId", "sisId", "firstName", "lastName", grade, "siteId", "raceEthnicity", gender, "updatedAt")
     SELECT gen_random_uuid(), v."sourceId", v."sisId", v."firstName", v."lastName", v.grade, v."siteId",
            v."raceEthnicity"::"RaceEthnicity", v.gender::"Gender", now()
       FROM jsonb_to_recordset($1::jsonb) AS v(${STUDENT_COLUMNS})`,
    JSON.stringify(rows),
  );
}

// Re-enrols a withdrawn student the file names again (status back to active).
async function updateStudents(tx: Tx, rows: StudentWrite[]): Promise<number> {
  return tx.$executeRawUnsafe(
    `UPDATE student s SET "sourceId" = v."sourceId", "sisId" = v."sisId", "firstName" = v."firstName", "lastName" = v."lastName",
            grade = v.grade, "siteId" = v."siteId", "raceEthnicity" = v."raceEthnicity"::"RaceEthnicity", gender = v.gender::"Gender",
            status = 'ACTIVE', "withdrawnOn" = NULL, "updatedAt" = now()
       FROM jsonb_to_recordset($1::jsonb) AS v(${STUDENT_COLUMNS})
      WHERE s.id = v.id`,
    JSON.stringify(rows),
  );
}

/** Why an import ends a placement: the same reason a coordinator picks for a student who left. */
export const WITHDRAWN_REASON = 'Withdrew from school';

/**
 * Withdraws students and ends their placements as a coordinator would: a placement
 * still open on the withdrawal date ends that day (or on its group's last day, when
 * that came first), one that has not begun is removed (nothing attended or scored),
 * each with an audit event. History stays; no session expects them again.
 */
async function withdrawStudents(
  tx: Tx,
  ids: string[],
  on: string,
  actorId: string | null,
): Promise<{ students: number; placements: number }> {
  const [row] = await tx.$queryRawUnsafe<{ students: number; ended: number; removed: number }[]>(
    `WITH gone AS (
       UPDATE student SET status = 'WITHDRAWN', "withdrawnOn" = $2::date, "updatedAt" = now()
        WHERE id = ANY($1::uuid[]) AND status = 'ACTIVE'
       RETURNING id
     ), ended AS (
       UPDATE membership m SET "endDate" = LEAST($2::date, g."endDate"), "endReason" = '${WITHDRAWN_REASON}', "updatedAt" = now()
         FROM tutoring_group g, (SELECT m0.id, m0."endDate" FROM membership m0 WHERE m0."studentId" IN (SELECT id FROM gone)) old
        WHERE old.id = m.id AND g.id = m."groupId" AND m."startDate" <= $2::date
          AND (m."endDate" IS NULL OR m."endDate" > LEAST($2::date, g."endDate"))
       RETURNING m.id, m."studentId", g."siteId", old."endDate" AS before, m."endDate" AS after
     ), removed AS (
       DELETE FROM membership m USING tutoring_group g
        WHERE g.id = m."groupId" AND m."studentId" IN (SELECT id FROM gone) AND m."startDate" > $2::date
          AND NOT EXISTS (SELECT 1 FROM probe p WHERE p."membershipId" = m.id)
          AND NOT EXISTS (SELECT 1 FROM attendance a JOIN session s ON s.id = a."sessionId"
                           WHERE a."studentId" = m."studentId" AND s."groupId" = m."groupId" AND s.date >= m."startDate")
       RETURNING m.id, m."studentId", g."siteId", m."startDate"
     ), audited AS (
       INSERT INTO audit_event ("actorId", action, "entityType", "entityId", "siteId", before, after)
       SELECT $3::uuid, 'imports.apply', 'membership', e.id::text, e."siteId",
              jsonb_build_object('endDate', to_char(e.before, 'YYYY-MM-DD')),
              jsonb_build_object('endDate', to_char(e.after, 'YYYY-MM-DD'), 'endReason', '${WITHDRAWN_REASON}', 'by', 'roster import')
         FROM ended e
       UNION ALL
       SELECT $3::uuid, 'imports.apply', 'membership', r.id::text, r."siteId",
              jsonb_build_object('startDate', to_char(r."startDate", 'YYYY-MM-DD')),
              jsonb_build_object('cancelledBeforeStart', true, 'reason', '${WITHDRAWN_REASON}', 'by', 'roster import')
         FROM removed r
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM gone)::int AS students, (SELECT count(*) FROM ended)::int AS ended,
            (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM audited)::int AS audited`,
    ids,
    on,
    actorId,
  );
  return { students: row?.students ?? 0, placements: (row?.ended ?? 0) + (row?.removed ?? 0) };
}

/**
 * Lists the file's teachers and staff as tutor candidates (by sourcedId), each at the
 * site of their school. Nobody gets a sign-in: the Users page offers to add them.
 */
async function listStaffCandidates(tx: Tx, plan: RosterPlan): Promise<number> {
  const teachers = plan.payload.teachers ?? [];
  if (teachers.length === 0) return 0;
  const codeOf = new Map(plan.payload.schools.map((s) => [s.sourceId, s.code]));
  let listed = 0;
  for (const chunk of chunks(teachers)) {
    listed += await tx.$executeRawUnsafe(
      `INSERT INTO staff_candidate (id, "sourceId", "firstName", "lastName", email, "siteId", active, "importedAt")
       SELECT gen_random_uuid(), v."sourceId", v."firstName", v."lastName", v.email,
              ${SITE_OF_SCHOOL},
              NOT v.deleted, now()
         FROM jsonb_to_recordset($1::jsonb)
           AS v("sourceId" text, "firstName" text, "lastName" text, email text, school text, "schoolCode" text, deleted boolean)
       ON CONFLICT ("sourceId") DO UPDATE SET "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName",
              email = EXCLUDED.email, "siteId" = COALESCE(EXCLUDED."siteId", staff_candidate."siteId"),
              active = EXCLUDED.active, "importedAt" = now()
        WHERE (staff_candidate."firstName", staff_candidate."lastName", staff_candidate.email, staff_candidate.active)
              IS DISTINCT FROM (EXCLUDED."firstName", EXCLUDED."lastName", EXCLUDED.email, EXCLUDED.active)
           OR (staff_candidate."siteId" IS NULL AND EXCLUDED."siteId" IS NOT NULL)`,
      JSON.stringify(chunk.map((t) => ({ ...t, schoolCode: t.school ? (codeOf.get(t.school) ?? null) : null }))),
    );
  }
  return listed;
}

/**
 * Keeps the file's classes and enrollments, for each student's homeroom and class
 * periods. A tombstone removes its record; a bulk classes.csv or enrollments.csv
 * replaces those of the scope's sites (the covered schools' sites; a site import
 * never touches another site's classes). Enrollments of classes outside the scope
 * are left out. Returns how many classes and enrollments were written or removed.
 */
async function writeClasses(tx: Tx, plan: RosterPlan, scope: ImportScope): Promise<number> {
  const { classes = [], enrollments = [], classModes } = plan.payload;
  if (!classModes || (classModes.classes === null && classModes.enrollments === null)) return 0;
  // Where records may change: a site import, its own site; a district import, anywhere.
  const allowed = scope.kind === 'site' ? [scope.siteId] : null;
  // What a bulk file replaces: a site import's own site; a district import, the sites of the schools it names.
  const codeOf = new Map(plan.payload.schools.map((s) => [s.sourceId, s.code]));
  const found =
    scope.kind === 'site'
      ? [{ ids: [scope.siteId] }]
      : await tx.$queryRawUnsafe<{ ids: string[] }[]>(
          `SELECT COALESCE(array_agg(s.id::text), '{}') AS ids FROM site s
            WHERE s."sourceId" = ANY($1::text[]) OR s.code = ANY($2::text[])`,
          plan.payload.schools.map((s) => s.sourceId),
          [...codeOf.values()],
        );
  const covered = found[0]?.ids ?? [];
  let written = 0;
  const live = classes.filter((c) => !c.deleted);
  for (const chunk of chunks(live)) {
    written += await tx.$executeRawUnsafe(
      `INSERT INTO roster_class (id, "sourceId", "siteId", title, "classCode", "classType", location, periods, "importedAt")
       SELECT gen_random_uuid(), v."sourceId",
              ${SITE_OF_SCHOOL},
              v.title, v."classCode", v."classType", v.location,
              ARRAY(SELECT jsonb_array_elements_text(v.periods)), now()
         FROM jsonb_to_recordset($1::jsonb)
           AS v("sourceId" text, title text, "classCode" text, "classType" text, location text, periods jsonb, school text, "schoolCode" text)
       ON CONFLICT ("sourceId") DO UPDATE SET "siteId" = COALESCE(EXCLUDED."siteId", roster_class."siteId"),
              title = EXCLUDED.title, "classCode" = EXCLUDED."classCode", "classType" = EXCLUDED."classType",
              location = EXCLUDED.location, periods = EXCLUDED.periods, "importedAt" = now()
        WHERE (roster_class."siteId", roster_class.title, roster_class."classCode", roster_class."classType", roster_class.location, roster_class.periods)
              IS DISTINCT FROM (COALESCE(EXCLUDED."siteId", roster_class."siteId"), EXCLUDED.title, EXCLUDED."classCode", EXCLUDED."classType", EXCLUDED.location, EXCLUDED.periods)`,
      JSON.stringify(chunk.map((c) => ({ ...c, schoolCode: codeOf.get(c.school) ?? null }))),
    );
  }
  const inScope = `($2::uuid[] IS NULL OR "siteId" = ANY($2::uuid[]))`;
  const gone = classes.filter((c) => c.deleted).map((c) => c.sourceId);
  if (gone.length)
    written += await tx.$executeRawUnsafe(
      `DELETE FROM roster_class WHERE "sourceId" = ANY($1::text[]) AND ${inScope}`,
      gone,
      allowed,
    );
  if (classModes.classes === 'bulk')
    written += await tx.$executeRawUnsafe(
      `DELETE FROM roster_class WHERE "siteId" = ANY($2::uuid[]) AND NOT ("sourceId" = ANY($1::text[]))`,
      live.map((c) => c.sourceId),
      covered,
    );

  const kept = enrollments.filter((e) => !e.deleted);
  for (const chunk of chunks(kept)) {
    // A record the file moved (same sourcedId, another class, person or role): the old row goes first.
    written += await tx.$executeRawUnsafe(
      `DELETE FROM class_enrollment e
        USING jsonb_to_recordset($1::jsonb) AS v("sourceId" text, "classSourceId" text, "userSourceId" text, role text)
        LEFT JOIN roster_class c ON c."sourceId" = v."classSourceId"
        WHERE e."sourceId" = v."sourceId"
          AND (e."classId", e."userSourceId", e.role) IS DISTINCT FROM (c.id, v."userSourceId", v.role)`,
      JSON.stringify(chunk),
    );
    written += await tx.$executeRawUnsafe(
      `INSERT INTO class_enrollment (id, "sourceId", "classId", "userSourceId", role, "primary")
       SELECT gen_random_uuid(), v."sourceId", c.id, v."userSourceId", v.role, v."primary"
         FROM jsonb_to_recordset($1::jsonb)
           AS v("sourceId" text, "classSourceId" text, "userSourceId" text, role text, "primary" boolean)
         JOIN roster_class c ON c."sourceId" = v."classSourceId" AND ($2::uuid[] IS NULL OR c."siteId" = ANY($2::uuid[]))
       ON CONFLICT ("classId", "userSourceId", role) DO UPDATE SET "sourceId" = EXCLUDED."sourceId", "primary" = EXCLUDED."primary"
        WHERE (class_enrollment."sourceId", class_enrollment."primary") IS DISTINCT FROM (EXCLUDED."sourceId", EXCLUDED."primary")`,
      JSON.stringify(chunk),
      allowed,
    );
  }
  const dropped = enrollments.filter((e) => e.deleted).map((e) => e.sourceId);
  if (dropped.length)
    written += await tx.$executeRawUnsafe(
      `DELETE FROM class_enrollment WHERE "sourceId" = ANY($1::text[])
          AND "classId" IN (SELECT id FROM roster_class WHERE ${inScope})`,
      dropped,
      allowed,
    );
  if (classModes.enrollments === 'bulk')
    written += await tx.$executeRawUnsafe(
      `DELETE FROM class_enrollment WHERE "classId" IN (SELECT id FROM roster_class WHERE "siteId" = ANY($2::uuid[]))
          AND NOT ("sourceId" = ANY($1::text[]))`,
      kept.map((e) => e.sourceId),
      covered,
    );
  return written;
}

export interface RosterWriteResult {
  sitesCreated: number;
  sitesUpdated: number;
  studentsCreated: number;
  studentsUpdated: number;
  studentsWithdrawn: number;
  /** Placements the withdrawals ended (or removed, when they had not begun). */
  placementsEnded: number;
  /** Teachers and staff listed (or refreshed) as tutor candidates. */
  staffListed?: number;
  /** Classes and enrollments added, changed or removed. */
  classRecords?: number;
}

export function rosterWriteTotal(plan: RosterPlan): number {
  return (
    plan.newSites.length + plan.siteUpdates.length + plan.inserts.length + plan.updates.length + plan.withdrawals.length
  );
}

export async function writeRoster(
  tx: Tx,
  plan: RosterPlan,
  today: string,
  progress: ProgressReporter,
  actorId: string | null,
  scope: ImportScope,
): Promise<RosterWriteResult> {
  let done = 0;
  const siteBySchool = await createSites(tx, plan);
  await updateSites(tx, plan);
  done += plan.newSites.length + plan.siteUpdates.length;
  await progress.step('Sites', done);
  const result: RosterWriteResult = {
    sitesCreated: siteBySchool.size,
    sitesUpdated: plan.siteUpdates.length,
    studentsCreated: 0,
    studentsUpdated: 0,
    studentsWithdrawn: 0,
    placementsEnded: 0,
  };
  for (const chunk of chunks(withSite(plan.inserts, siteBySchool))) {
    result.studentsCreated += await insertStudents(tx, chunk);
    await progress.step('New students', (done += chunk.length));
  }
  for (const chunk of chunks(withSite(plan.updates, siteBySchool))) {
    result.studentsUpdated += await updateStudents(tx, chunk);
    await progress.step('Changed students', (done += chunk.length));
  }
  for (const chunk of chunks(plan.withdrawals)) {
    const withdrawn = await withdrawStudents(tx, chunk, today, actorId);
    result.studentsWithdrawn += withdrawn.students;
    result.placementsEnded += withdrawn.placements;
    await progress.step('Withdrawals', (done += chunk.length));
  }
  result.staffListed = await listStaffCandidates(tx, plan);
  result.classRecords = await writeClasses(tx, plan, scope);
  return result;
}
