// Placement by need: at each site the neediest eligible students fill the seats
// the program has, grouped by subject and grade band, each group given a tutor
// and a weekly plan that fits everyone's week. The rest wait, in priority order.
import type { Subject } from '../../lib/generated/prisma/enums';
import { addDays, isoWeekday, type IsoDate } from '../../lib/dates';
import { earlierDate, laterDate, nextSchoolDay, type CycleCalendar } from './calendar';
import { bandLabel, gradeBands, skillsFor, SUBJECT_LABEL, type GradeBand } from './curriculum';
import { newPlacement } from './membership';
import type { PlannedGroup, SeedContext, Site, Student, Tutor } from './model';
import type { Random } from './random';
import type { CycleRow } from './rows';
import { book, chooseWeeklyPlan, demoTutorWeeks, weeklyMinutes, type WeeklyPlan } from './schedule';
import { byPriority, eligibleCandidates, waitlistKey, type Candidate } from './waitlist';

interface Chunk {
  subject: Subject;
  band: GradeBand;
  members: Candidate[];
}

export interface PlacementResult {
  groups: PlannedGroup[];
  /** Eligible students without a seat, by site and subject, neediest first. */
  waitlist: Map<string, Candidate[]>;
}

interface Cohort {
  ctx: SeedContext;
  random: Random;
  cycle: CycleRow;
  calendar: CycleCalendar;
}

/**
 * Group sizes for a queue of n students: the policy's 1 to 4, mostly pairs and
 * threes (the size many programs run), with some 1:1 intensive groups and fours.
 */
function groupSizes(random: Random, n: number): number[] {
  const sizes: number[] = [];
  let rest = n;
  while (rest > 0) {
    const size = Math.min(rest, random.weighted(GROUP_SIZE_WEIGHTS));
    sizes.push(size);
    rest -= size;
  }
  return sizes;
}

const GROUP_SIZE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 0.08],
  [2, 0.42],
  [3, 0.35],
  [4, 0.15],
];

function inBand(band: GradeBand, grade: number): boolean {
  return band.gradeMin <= grade && grade <= band.gradeMax;
}

/** Neighbours in the priority order share a group, so a group's members need about the same help. */
function chunksFor(random: Random, seated: Candidate[], bands: GradeBand[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const subject of ['ELA', 'MATH'] as const) {
    for (const band of bands) {
      const queue = seated.filter((c) => c.subject === subject && inBand(band, c.student.row.grade));
      let next = 0;
      for (const size of groupSizes(random, queue.length)) {
        chunks.push({ subject, band, members: queue.slice(next, next + size) });
        next += size;
      }
    }
  }
  return chunks.sort((a, b) => (a.members[0] && b.members[0] ? byPriority(a.members[0], b.members[0]) : 0));
}

function hasRoom(tutor: Tutor, minutes: number): boolean {
  const { capacityGroups, capacityMinutesPerWeek } = tutor.profile;
  return (
    (capacityGroups === null || tutor.groupCount < capacityGroups) &&
    (capacityMinutesPerWeek === null || tutor.minutesPerWeek + minutes <= capacityMinutesPerWeek)
  );
}

/** Qualified tutors at the site, least loaded first. New hires still pending clearance teach no one. */
function qualifiedTutors(tutors: readonly Tutor[], chunk: Chunk): Tutor[] {
  return tutors
    .filter(
      (t) =>
        t.profile.credentialStatus !== 'PENDING' &&
        t.profile.subjects.includes(chunk.subject) &&
        t.profile.gradeMin <= chunk.band.gradeMin &&
        t.profile.gradeMax >= chunk.band.gradeMax,
    )
    .sort((a, b) => a.groupCount - b.groupCount || a.minutesPerWeek - b.minutesPerWeek);
}

/** About 8 weeks before today (demo) or in the cycle's first weeks (a full year); some groups start later. */
function groupStartDate(cohort: Cohort, site: Site, onTime: boolean): IsoDate {
  const { ctx, random, calendar } = cohort;
  const afterScreening = addDays(calendar.startDate, 21);
  const usual =
    ctx.scale.groupStart === 'recent'
      ? laterDate(afterScreening, addDays(ctx.today, -56))
      : addDays(calendar.startDate, 14);
  const jitter = onTime ? 0 : random.int(0, 4);
  const late = !onTime && random.chance(0.15) ? random.int(7, ctx.scale.groupStart === 'recent' ? 28 : 70) : 0;
  const latest = addDays(calendar.endDate, -28);
  return nextSchoolDay(earlierDate(addDays(usual, jitter + late), latest), site.closed);
}

function lastName(tutor: Tutor): string {
  return tutor.user.name.split(' ').pop() ?? tutor.user.name;
}

function formGroup(
  cohort: Cohort,
  site: Site,
  chunk: Chunk,
  tutor: Tutor,
  plan: WeeklyPlan,
  onTime: boolean,
): PlannedGroup {
  const { ctx, random, cycle } = cohort;
  const skill = random.pick(skillsFor(chunk.subject, chunk.band));
  const id = ctx.ids.uuid();
  const startDate = groupStartDate(cohort, site, onTime);
  const letter = String.fromCharCode(65 + tutor.groupCount);
  const group: PlannedGroup = {
    row: {
      id,
      name: `${bandLabel(chunk.band)} ${SUBJECT_LABEL[chunk.subject]} · ${lastName(tutor)} ${letter}`,
      siteId: site.row.id,
      cycleId: cycle.id,
      subject: chunk.subject,
      gradeMin: chunk.band.gradeMin,
      gradeMax: chunk.band.gradeMax,
      targetSkill: skill.targetSkill,
      probeMeasure: skill.probeMeasure,
      primaryTutorId: tutor.user.id,
      modality: plan.modality,
      room: plan.room,
      startDate,
      endDate: cycle.endDate,
      status: cycle.endDate < ctx.today ? 'CLOSED' : 'ACTIVE',
    },
    meetings: plan.meetings.map((meeting) => ({ id: ctx.ids.uuid(), groupId: id, ...meeting })),
    skill,
    site,
    tutor,
    placements: [],
  };
  group.placements = chunk.members.map((member) => newPlacement(ctx, random, group, member.student, startDate));
  book(
    plan.meetings,
    tutor,
    chunk.members.map((member) => member.student),
  );
  tutor.groupCount += 1;
  tutor.minutesPerWeek += weeklyMinutes(plan.meetings);
  return group;
}

/** The first tutor whose week (and whose students' weeks) has room for this group. */
function staffChunk(cohort: Cohort, tutors: readonly Tutor[], chunk: Chunk): { tutor: Tutor; plan: WeeklyPlan } | null {
  const students = chunk.members.map((member) => member.student);
  for (const tutor of qualifiedTutors(tutors, chunk)) {
    const plan = chooseWeeklyPlan(cohort.random, chunk.band, tutor, students);
    if (plan && hasRoom(tutor, weeklyMinutes(plan.meetings))) return { tutor, plan };
  }
  return null;
}

function placeAtSite(
  cohort: Cohort,
  site: Site,
  students: readonly Student[],
  tutors: readonly Tutor[],
  demoTutor: Tutor | null,
  result: PlacementResult,
): void {
  const candidates = eligibleCandidates(site, students);
  const seats = Math.round(candidates.length * cohort.ctx.scale.seatShare);
  const waiting = candidates.slice(seats);
  const demoWeeks = demoTutor ? demoTutorWeeks(cohort.ctx.openToday ? isoWeekday(cohort.ctx.today) : null) : [];
  for (const chunk of chunksFor(
    cohort.random,
    candidates.slice(0, seats),
    gradeBands(site.row.gradeMin, site.row.gradeMax),
  )) {
    const demoPlan = chunk.members.length >= 2 ? demoWeeks.shift() : undefined;
    const staffed = demoTutor && demoPlan ? { tutor: demoTutor, plan: demoPlan } : staffChunk(cohort, tutors, chunk);
    if (staffed)
      result.groups.push(formGroup(cohort, site, chunk, staffed.tutor, staffed.plan, demoPlan !== undefined));
    else waiting.push(...chunk.members);
  }
  for (const subject of ['MATH', 'ELA'] as const) {
    result.waitlist.set(
      waitlistKey(site.row.id, subject),
      waiting.filter((c) => c.subject === subject).sort(byPriority),
    );
  }
}

export function placeByNeed(
  ctx: SeedContext,
  district: {
    sites: readonly Site[];
    students: readonly Student[];
    tutors: readonly Tutor[];
    demoTutor: Tutor;
    cycle: CycleRow;
    calendar: CycleCalendar;
  },
): PlacementResult {
  const cohort: Cohort = { ctx, random: ctx.random('placement'), cycle: district.cycle, calendar: district.calendar };
  const result: PlacementResult = { groups: [], waitlist: new Map() };
  for (const site of district.sites) {
    const siteTutors = district.tutors.filter((tutor) => tutor.site === site && tutor !== district.demoTutor);
    placeAtSite(
      cohort,
      site,
      district.students,
      siteTutors,
      district.demoTutor.site === site ? district.demoTutor : null,
      result,
    );
  }
  return result;
}
