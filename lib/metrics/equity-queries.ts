// The equity view (DOMAIN.md, Metrics): for all students and each subgroup —
// eligible, placed and access (./access-queries.ts), and, for the students placed in
// the scope, mean dose rate, share meeting the target dose and share meeting their
// growth goal. Composed from the module's own queries (studentMetrics by student,
// placementGrowth), so every figure has one definition. Raw counts: callers suppress
// small cells before anything leaves the server (lib/equity/cells.ts).
//
// Choices where DOMAIN.md leaves room:
// - The dose and goal columns count every student with a placement in a group within
//   the scope (eligible or not), in the subgroups of their own record (site = the
//   student's site, as access counts it).
// - Mean dose rate: the mean of the students' own dose rates (students with something
//   scheduled). Meeting target dose: delivered per counted week ≥ the weekly target
//   (studentMetrics' studentsMeetingTarget), of students with a week counted.
// - Meeting goal: DOMAIN's student verdict (./judgement.ts, studentMetGoal) over the
//   student's placements in the scope, each judged on its own dose: students with at
//   least one judged placement; met when every judged placement met its goal.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { SUBGROUP_DIMENSIONS, subgroupsOf, type AccessRow, type StudentSubgroups } from './access';
import { accessBySiteAndSubgroup } from './access-queries';
import { placementGrowth } from './growth-queries';
import { studentMetGoal, type Judgement } from './judgement';
import { groupFilterSql, metricsPolicy, studentFilterSql, type MetricsPolicy, type MetricsScope } from './scope';
import { readStudentFacts, studentMetricsOf, type StudentFacts } from './student-queries';

type Db = Prisma.TransactionClient;

export interface EquityRow extends AccessRow {
  /** Placed students with something scheduled: the n of the mean dose rate. */
  dosed: number;
  meanDoseRate: number | null;
  /** Placed students with a week counted (something scheduled or delivered). */
  withWeeks: number;
  meetingTarget: number;
  /** Placed students with at least one judged placement (not under-dosed, with a goal, a pre and a later score). */
  judged: number;
  metGoal: number;
}

export const EQUITY_DIMENSIONS = ['all', ...SUBGROUP_DIMENSIONS] as const;

type Stats = Omit<EquityRow, keyof AccessRow> & { rateSum: number };
const emptyStats = (): Stats => ({
  dosed: 0,
  meanDoseRate: null,
  rateSum: 0,
  withWeeks: 0,
  meetingTarget: 0,
  judged: 0,
  metGoal: 0,
});

export async function equityBySubgroup(
  db: Db,
  scope: MetricsScope,
  policy?: Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek' | 'eligibilityPercentile' | 'underDosedPercent'>,
): Promise<EquityRow[]> {
  return (await equityRowsBy(db, scope, policy, false)).get(DISTRICT_ROWS) ?? [];
}

export interface EquityBySite {
  district: EquityRow[];
  /** Each site's own rows: its students, as the site filter shows them. */
  sites: Map<string, EquityRow[]>;
}

/**
 * The district's rows and every site's, from one pass: a student counts at their own
 * site, so each district count is exactly the sum of the sites' (the joint suppression
 * in lib/metrics/suppression-joint.ts relies on it). The scope's sites are ignored.
 */
export async function equityBySiteAndSubgroup(
  db: Db,
  scope: MetricsScope,
  policy?: Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek' | 'eligibilityPercentile' | 'underDosedPercent'>,
  /** The student facts of the scope without its sites (readStudentFacts), when the caller already read them. */
  districtFacts?: StudentFacts,
): Promise<EquityBySite> {
  const bySite = await equityRowsBy(db, { ...scope, siteIds: undefined }, policy, true, districtFacts);
  const district = bySite.get(DISTRICT_ROWS) ?? [];
  bySite.delete(DISTRICT_ROWS);
  return { district, sites: bySite };
}

const DISTRICT_ROWS = '';

async function equityRowsBy(
  db: Db,
  scope: MetricsScope,
  policy:
    Pick<MetricsPolicy, 'today' | 'targetMinutesPerWeek' | 'eligibilityPercentile' | 'underDosedPercent'> | undefined,
  bySite: boolean,
  studentFacts?: StudentFacts,
): Promise<Map<string, EquityRow[]>> {
  const p = policy ?? (await metricsPolicy(db));
  // Everything read at once: access, the student facts, growth's probe series (joined to
  // the facts' doses) and the subgroups of every student placed in the window.
  const reading = studentFacts ?? readStudentFacts(db, scope, p);
  const [access, facts, placements, students] = await Promise.all([
    accessBySiteAndSubgroup(db, scope, p),
    reading,
    placementGrowth(db, scope, p, reading),
    db.$queryRaw<(StudentSubgroups & { id: string })[]>`
      SELECT st.id::text AS id, st."raceEthnicity"::text AS "raceEthnicity", st.gender::text AS gender, st."multilingualLearner", st.iep,
        st."economicallyDisadvantaged", st.foster, st.homeless, st.grade, st."siteId"::text AS "siteId"
      FROM student st
      WHERE EXISTS (SELECT 1 FROM membership m JOIN tutoring_group g ON g.id = m."groupId"
        WHERE m."studentId" = st.id AND m."startDate" <= ${scope.to}::date AND (m."endDate" IS NULL OR m."endDate" >= ${scope.from}::date)
          AND ${groupFilterSql(scope)}) AND ${studentFilterSql(scope)}`,
  ]);
  const perStudent = studentMetricsOf(facts, 'student', p);

  const judgementsOf = new Map<string, Judgement[]>();
  for (const placement of placements)
    judgementsOf.set(placement.studentId, [...(judgementsOf.get(placement.studentId) ?? []), placement.judgement]);
  const subgroups = new Map(students.map((st) => [st.id, subgroupsOf(st)]));
  const siteOf = new Map(students.map((st) => [st.id, st.siteId]));
  const tablesOf = (siteId: string | undefined) =>
    bySite && siteId !== undefined ? [DISTRICT_ROWS, siteId] : [DISTRICT_ROWS];

  const stats = new Map<string, Stats>();
  const key = (table: string, dimension: string, value: string) => `${table}\u0000${dimension}\u0000${value}`;
  const add = (studentId: string, update: (s: Stats) => void) => {
    for (const table of tablesOf(siteOf.get(studentId))) {
      for (const [dimension, value] of subgroups.get(studentId) ?? []) {
        const k = key(table, dimension, value);
        const s = stats.get(k) ?? emptyStats();
        update(s);
        stats.set(k, s);
      }
    }
  };
  for (const m of perStudent) {
    add(m.key, (s) => {
      if (m.meanStudentDoseRate !== null) {
        s.dosed++;
        s.rateSum += m.meanStudentDoseRate;
      }
      s.withWeeks += m.studentsWithWeeks;
      s.meetingTarget += m.studentsMeetingTarget;
    });
  }
  for (const [studentId, judgements] of judgementsOf) {
    const met = studentMetGoal(judgements);
    if (met === null) continue;
    add(studentId, (s) => {
      s.judged++;
      if (met) s.metGoal++;
    });
  }

  const rows = new Map<string, EquityRow>();
  for (const a of access) {
    for (const table of tablesOf(a.siteId)) {
      const k = key(table, a.dimension, a.value);
      const row = rows.get(k) ?? {
        dimension: a.dimension,
        value: a.value,
        eligible: 0,
        placed: 0,
        access: null,
        ...withoutSum(emptyStats()),
      };
      row.eligible += a.eligible;
      row.placed += a.placed;
      row.access = row.eligible > 0 ? row.placed / row.eligible : null;
      rows.set(k, row);
    }
  }
  for (const [k, s] of stats) {
    const [, dimension, value] = k.split('\u0000') as [string, string, string];
    const base = rows.get(k) ?? { dimension, value, eligible: 0, placed: 0, access: null };
    rows.set(k, { ...base, ...withoutSum({ ...s, meanDoseRate: s.dosed > 0 ? s.rateSum / s.dosed : null }) });
  }
  const order = (d: string) => EQUITY_DIMENSIONS.indexOf(d as (typeof EQUITY_DIMENSIONS)[number]);
  const byValue = (a: EquityRow, b: EquityRow) =>
    a.dimension === 'grade' ? Number(a.value) - Number(b.value) : a.value.localeCompare(b.value, 'en');
  const tables = new Map<string, EquityRow[]>();
  for (const [k, row] of rows) {
    const table = k.split('\u0000')[0]!;
    tables.set(table, [...(tables.get(table) ?? []), row]);
  }
  for (const list of tables.values()) list.sort((a, b) => order(a.dimension) - order(b.dimension) || byValue(a, b));
  return tables;
}

function withoutSum(s: Stats): Omit<EquityRow, keyof AccessRow> {
  return {
    dosed: s.dosed,
    meanDoseRate: s.meanDoseRate,
    withWeeks: s.withWeeks,
    meetingTarget: s.meetingTarget,
    judged: s.judged,
    metGoal: s.metGoal,
  };
}
