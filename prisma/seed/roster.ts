// Schools and their students: demographics at realistic rates, and fall screener
// results that put about a third of students below the 40th percentile somewhere.
import type { Gender, RaceEthnicity, Subject } from '../../lib/generated/prisma/enums';
import { addDays, type IsoDate } from '../../lib/dates';
import { earlierDate, isSchoolDay, nextSchoolDay, siteClosure, type CycleCalendar } from './calendar';
import { screenerFor } from './curriculum';
import { ELIGIBILITY_PERCENTILE, type SeedContext, type Site, type Student, type SubjectScreening } from './model';
import { personName, SCHOOL_NAMESAKES, SCHOOL_PLACES } from './names';
import { normalCdf, type Random } from './random';
import type { NoSchoolDayRow, ScreenerResultRow } from './rows';

interface SiteName {
  code: string;
  name: string;
  weak?: boolean;
}

// Sorted by code, Lincoln first: the demo coordinator's school. One elementary and
// one middle school run the program visibly less well.
const DEMO_SITES: readonly SiteName[] = [
  { code: 'ES-LIN', name: 'Lincoln Elementary School' },
  { code: 'ES-MLK', name: 'Martin Luther King Jr. Elementary School' },
  { code: 'ES-OAK', name: 'Oak Grove Elementary School' },
  { code: 'ES-RIV', name: 'Riverside Elementary School', weak: true },
  { code: 'MS-GWC', name: 'George Washington Carver Middle School', weak: true },
  { code: 'MS-ROO', name: 'Eleanor Roosevelt Middle School' },
];

/** Mean z of the district's students against national norms; sets the share eligible. */
const DISTRICT_ACHIEVEMENT = 0.85;

const RACE_WEIGHTS: readonly (readonly [RaceEthnicity, number])[] = [
  ['HISPANIC_LATINO', 38],
  ['BLACK', 24],
  ['WHITE', 22],
  ['ASIAN', 8],
  ['TWO_OR_MORE', 5],
  ['AMERICAN_INDIAN_ALASKA_NATIVE', 1],
  ['NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 0.6],
  ['NOT_REPORTED', 1.4],
];

// Multilingual learners by heritage, in elementary grades; fewer in middle school after reclassification.
const MULTILINGUAL_RATE: Partial<Record<RaceEthnicity, number>> = { HISPANIC_LATINO: 0.42, ASIAN: 0.35, BLACK: 0.08 };

const GENDER_WEIGHTS: readonly (readonly [Gender, number])[] = [
  ['FEMALE', 48.6],
  ['MALE', 49.6],
  ['NONBINARY', 0.6],
  ['NOT_REPORTED', 1.2],
];

/** "ES-" and three letters of the name's last word, numbered when taken. */
function siteCode(prefix: string, name: string, taken: Set<string>): string {
  const letters = (name.split(' ').pop() ?? name)
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
  let code = `${prefix}-${letters.slice(0, 3)}`;
  for (let n = 2; taken.has(code); n++) code = `${prefix}-${letters.slice(0, 3)}${n}`;
  taken.add(code);
  return code;
}

/** The demo's six schools first, then generated ones for a larger district. */
function siteNames(ctx: SeedContext): SiteName[] {
  const { elementarySites, middleSites, weakSiteShare } = ctx.scale;
  const taken = new Set<string>(DEMO_SITES.map((site) => site.code));
  const elementary = DEMO_SITES.filter((site) => site.code.startsWith('ES'));
  const middle = DEMO_SITES.filter((site) => site.code.startsWith('MS'));
  const random = ctx.random('site-names');
  const namesakes = random.shuffle(SCHOOL_NAMESAKES);
  const places = random.shuffle(SCHOOL_PLACES);
  // Elementary schools take their neighbourhood's name ("Cedar Hill" -> ES-CED), then namesakes'.
  while (elementary.length < elementarySites) {
    const place = places.pop();
    const namesake = place ? null : (namesakes.pop() ?? `School ${elementary.length + 1}`);
    const code = place ? siteCode('ES', place.split(' ')[0] ?? place, taken) : siteCode('ES', namesake ?? '', taken);
    elementary.push({ code, name: `${place ?? namesake} Elementary School`, weak: random.chance(weakSiteShare) });
  }
  while (middle.length < middleSites) {
    const namesake = namesakes.pop() ?? `Middle School ${middle.length + 1}`;
    middle.push({
      code: siteCode('MS', namesake, taken),
      name: `${namesake} Middle School`,
      weak: random.chance(weakSiteShare),
    });
  }
  return [...elementary.slice(0, elementarySites), ...middle.slice(0, middleSites)].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
}

/** About one school day in 60 at a weak site, one in 200 elsewhere. */
function unplannedClosures(
  ctx: SeedContext,
  random: Random,
  calendar: CycleCalendar,
  closed: ReadonlySet<IsoDate>,
  weak: boolean,
): Set<IsoDate> {
  const pastSchoolDays: IsoDate[] = [];
  for (let date = calendar.startDate; date < ctx.today && date <= calendar.endDate; date = addDays(date, 1)) {
    if (isSchoolDay(date, closed)) pastSchoolDays.push(date);
  }
  const expected = pastSchoolDays.length / (weak ? 60 : 200);
  const count = Math.floor(expected) + (random.chance(expected - Math.floor(expected)) ? 1 : 0);
  return new Set(random.shuffle(pastSchoolDays).slice(0, count));
}

export function buildSites(ctx: SeedContext, calendar: CycleCalendar): Site[] {
  const random = ctx.random('sites');
  const districtClosed = calendar.closures.map((closure) => closure.date);
  const names = siteNames(ctx);
  // Schools differ in need, but the district as a whole stays put, so about a third
  // of students are eligible whatever day the seed is run for.
  const spread = names.map(() => random.normal(0, 0.2));
  const meanSpread = spread.reduce((a, b) => a + b, 0) / spread.length;
  return names.map((name, index) => {
    // The coordinator's site (first by code) is never weak, so the demo opens on a program that works.
    const isWeak = index > 0 && name.weak === true;
    const id = ctx.ids.uuid();
    const siteClosures: NoSchoolDayRow[] =
      index % ctx.scale.siteClosureEvery === 2
        ? [{ id: ctx.ids.uuid(), siteId: id, ...siteClosure(calendar, Math.floor(index / ctx.scale.siteClosureEvery)) }]
        : [];
    const closed = new Set([...districtClosed, ...siteClosures.map((closure) => closure.date)]);
    return {
      row: {
        id,
        code: name.code,
        name: name.name,
        gradeMin: name.code.startsWith('ES') ? 0 : 6,
        gradeMax: name.code.startsWith('ES') ? 5 : 8,
      },
      index,
      weak: isWeak,
      achievement: DISTRICT_ACHIEVEMENT + (spread[index] ?? 0) - meanSpread - (isWeak ? 0.25 : 0),
      economicallyDisadvantagedRate: Math.min(0.92, Math.max(0.35, random.normal(0.62, 0.12) + (isWeak ? 0.12 : 0))),
      siteClosures,
      closed,
      unplannedClosures: unplannedClosures(ctx, random, calendar, closed, isWeak),
      coordinatorId: '',
    };
  });
}

/** Largest-remainder split of the district's students, middle schools a little bigger. */
function enrolment(sites: Site[], total: number): number[] {
  const weights = sites.map((site) => (site.row.gradeMin >= 6 ? 1.3 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (weight / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < total; i++) {
    const index = order[i % order.length]?.index ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function screeningWindow(calendar: CycleCalendar, closed: ReadonlySet<IsoDate>): IsoDate[] {
  const days: IsoDate[] = [];
  for (let date = addDays(calendar.startDate, 1); days.length < 8; date = addDays(date, 1)) {
    if (isSchoolDay(date, closed)) days.push(date);
  }
  return days;
}

function percentileOf(z: number): number {
  return Math.min(99, Math.max(1, Math.round(normalCdf(z) * 100)));
}

interface Demographics {
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  multilingualLearner: boolean;
  iep: boolean;
  section504: boolean;
  economicallyDisadvantaged: boolean;
  foster: boolean;
  homeless: boolean;
}

function demographics(
  random: Random,
  site: Site,
  grade: number,
  raceWeights: readonly (readonly [RaceEthnicity, number])[],
): Demographics {
  const raceEthnicity = random.weighted(raceWeights);
  const mlRate = MULTILINGUAL_RATE[raceEthnicity] ?? 0.03;
  const economicallyDisadvantaged = random.chance(site.economicallyDisadvantagedRate);
  const iep = random.chance(0.14);
  return {
    raceEthnicity,
    gender: random.weighted(GENDER_WEIGHTS),
    multilingualLearner: random.chance(grade >= 6 ? mlRate * 0.75 : mlRate),
    iep,
    section504: !iep && random.chance(0.05),
    economicallyDisadvantaged,
    foster: random.chance(0.006),
    homeless: random.chance(economicallyDisadvantaged ? 0.04 : 0.005),
  };
}

function screening(random: Random, site: Site, who: Demographics): Record<Subject, SubjectScreening> {
  const general = random.normal(site.achievement, 1) - (who.economicallyDisadvantaged ? 0.2 : 0) - (who.iep ? 0.5 : 0);
  const mathZ = 0.8 * general + 0.6 * random.normal();
  const elaZ = 0.8 * general + 0.6 * random.normal() - (who.multilingualLearner ? 0.3 : 0);
  return {
    MATH: { z: mathZ, percentile: percentileOf(mathZ) },
    ELA: { z: elaZ, percentile: percentileOf(elaZ) },
  };
}

function absenceRisk(random: Random, site: Site, who: Demographics): number {
  if (random.chance(0.02)) return random.int(30, 45) / 100; // chronically absent
  const base = 0.025 + Math.abs(random.normal(0, 0.025));
  return Math.min(0.25, base + (site.weak ? 0.08 : 0) + (who.homeless || who.foster ? 0.06 : 0));
}

function sisIdSource(random: Random): () => string {
  const used = new Set<number>();
  return () => {
    let n = random.int(0, 999_999);
    while (used.has(n)) n = (n + 7919) % 1_000_000;
    used.add(n);
    return `S${String(n).padStart(6, '0')}`;
  };
}

export function buildStudents(
  ctx: SeedContext,
  sites: Site[],
  calendar: CycleCalendar,
): { students: Student[]; screeners: ScreenerResultRow[] } {
  const random = ctx.random('students');
  const nextSisId = sisIdSource(ctx.random('sis-ids'));
  const students: Student[] = [];
  const screeners: ScreenerResultRow[] = [];
  const counts = enrolment(sites, ctx.scale.students);
  sites.forEach((site, siteIndex) => {
    // Neighbourhoods differ: each school gets its own mix around the district's.
    const raceWeights = RACE_WEIGHTS.map(
      ([race, weight]) => [race, weight * Math.exp(random.normal(0, 0.45))] as const,
    );
    const window = screeningWindow(calendar, site.closed);
    const count = counts[siteIndex] ?? 0;
    const withdrawn = Math.round(count * 0.012);
    for (let n = 0; n < count + withdrawn; n++) {
      const grade = random.int(site.row.gradeMin, site.row.gradeMax);
      const who = demographics(random, site, grade, raceWeights);
      const scores = screening(random, site, who);
      const screenedOn = random.pick(window);
      const eligible = Math.min(scores.MATH.percentile, scores.ELA.percentile) < ELIGIBILITY_PERCENTILE;
      const referred = eligible || random.chance(0.08);
      const referredOn = referred ? earlierDate(addDays(screenedOn, random.int(1, 10)), ctx.today) : null;
      const isWithdrawn = n >= count;
      const student: Student = {
        row: {
          id: ctx.ids.uuid(),
          sisId: nextSisId(),
          ...personName(who.raceEthnicity, who.gender, random),
          grade,
          siteId: site.row.id,
          status: isWithdrawn ? 'WITHDRAWN' : 'ACTIVE',
          withdrawnOn: isWithdrawn ? earlierDate(addDays(screenedOn, random.int(10, 50)), ctx.today) : null,
          referredOn,
          ...who,
        },
        site,
        screening: scores,
        screenedOn,
        absenceRisk: absenceRisk(random, site, who),
        busy: new Set(),
      };
      students.push(student);
      screeners.push(...screenerRows(ctx, student, random));
    }
  });
  return { students, screeners };
}

function screenerRows(ctx: SeedContext, student: Student, random: Random): ScreenerResultRow[] {
  return (['MATH', 'ELA'] as const).map((subject) => {
    const norm = screenerFor(subject, student.row.grade);
    const { z, percentile } = student.screening[subject];
    return {
      id: ctx.ids.uuid(),
      studentId: student.row.id,
      subject,
      measure: norm.measure,
      score: Math.max(100, Math.round(norm.median + z * norm.sd)),
      percentile,
      // Reading is tested the same day as math or the next school day.
      testedOn:
        subject === 'MATH' || random.chance(0.5)
          ? student.screenedOn
          : nextSchoolDay(addDays(student.screenedOn, 1), student.site.closed),
    };
  });
}
