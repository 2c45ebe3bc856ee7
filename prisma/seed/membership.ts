// Placements: each member's starting probe score, growth goal and how well they
// respond; then the history coordinators make by moving students and filling seats.
import { addDays, type IsoDate } from '../../lib/dates';
import { earlierDate, isSchoolDay, laterDate } from './calendar';
import { clampScore, expectedStart, type SkillFocus } from './curriculum';
import { MAX_GROUP_SIZE, type Placement, type PlannedGroup, type SeedContext, type Student } from './model';
import type { Random } from './random';
import { book, isFree, release } from './schedule';
import { waitlistKey, type Candidate } from './waitlist';

const MS_PER_WEEK = 7 * 86_400_000;

function weeksBetween(from: IsoDate, to: IsoDate): number {
  return (Date.parse(to) - Date.parse(from)) / MS_PER_WEEK;
}

/** Most students respond; some grow slowly (below the aim line), a few stay flat. */
function responsiveness(random: Random): number {
  const kind = random.weighted([
    ['responder', 58],
    ['slow', 29],
    ['flat', 13],
  ] as const);
  if (kind === 'responder') return Math.max(0.8, random.normal(1.15, 0.2));
  if (kind === 'slow') return 0.3 + random.next() * 0.35;
  return random.normal(0.03, 0.08);
}

export function goalFor(skill: SkillFocus, preScore: number, startDate: IsoDate, goalDate: IsoDate): number {
  const goal = clampScore(skill, preScore + skill.weeklyGrowth * weeksBetween(startDate, goalDate));
  return skill.maxScore === null
    ? Math.max(goal, preScore + 1)
    : Math.min(skill.maxScore, Math.max(goal, preScore + 1));
}

export function newPlacement(
  ctx: SeedContext,
  random: Random,
  group: PlannedGroup,
  student: Student,
  startDate: IsoDate,
): Placement {
  const { skill, row } = group;
  const percentile = student.screening[row.subject].percentile;
  const preScore = clampScore(
    skill,
    expectedStart(skill, student.row.grade, percentile) + random.normal(0, skill.noise),
  );
  const closed = row.endDate < ctx.today;
  return {
    row: {
      id: ctx.ids.uuid(),
      groupId: row.id,
      studentId: student.row.id,
      startDate,
      endDate: closed ? row.endDate : null,
      endReason: closed ? 'Cycle ended' : null,
      goalScore: goalFor(skill, preScore, startDate, row.endDate),
      goalDate: row.endDate,
    },
    student,
    preScore,
    responsiveness: responsiveness(random),
  };
}

export function isActiveOn(placement: Placement, date: IsoDate): boolean {
  return placement.row.startDate <= date && (placement.row.endDate === null || placement.row.endDate >= date);
}

/** Members who are, or will be, in the group on or after the date: a safe bound on its size from then on. */
function seatsTakenFrom(group: PlannedGroup, date: IsoDate): number {
  return group.placements.filter((p) => p.row.endDate === null || p.row.endDate >= date).length;
}

function schoolDayBetween(random: Random, first: IsoDate, last: IsoDate, closed: ReadonlySet<IsoDate>): IsoDate | null {
  if (first > last) return null;
  const days: IsoDate[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) if (isSchoolDay(date, closed)) days.push(date);
  return days.length > 0 ? random.pick(days) : null;
}

function coversGrade(group: PlannedGroup, student: Student): boolean {
  return group.row.gradeMin <= student.row.grade && student.row.grade <= group.row.gradeMax;
}

/** A few students move to a group that fits better: one membership closes, another opens. */
export function moveStudents(ctx: SeedContext, random: Random, groups: PlannedGroup[], count: number): number {
  let moved = 0;
  for (const from of random.shuffle(groups)) {
    if (moved >= count) break;
    const placement = from.placements.find((p) => p.row.endDate === null && p.row.startDate === from.row.startDate);
    if (!placement) continue;
    const student = placement.student;
    release(from.meetings, student);
    const to = groups.find(
      (g) =>
        g !== from &&
        g.site === from.site &&
        g.row.subject === from.row.subject &&
        coversGrade(g, student) &&
        isFree(g.meetings, null, [student]),
    );
    const moveOn =
      to &&
      schoolDayBetween(
        random,
        addDays(laterDate(from.row.startDate, to.row.startDate), 14),
        earlierDate(addDays(ctx.today, -7), to.row.endDate),
        from.site.closed,
      );
    if (!to || !moveOn || seatsTakenFrom(to, moveOn) >= MAX_GROUP_SIZE) {
      book(from.meetings, null, [student]);
      continue;
    }
    placement.row.endDate = addDays(moveOn, -1);
    placement.row.endReason = `Moved to ${to.row.name} (better fit for schedule and skill)`;
    to.placements.push(newPlacement(ctx, random, to, student, moveOn));
    book(to.meetings, null, [student]);
    moved += 1;
  }
  return moved;
}

/** Open seats go to the neediest student still waiting, who joins partway through. */
export function fillOpenSeats(
  ctx: SeedContext,
  random: Random,
  groups: PlannedGroup[],
  waitlist: Map<string, Candidate[]>,
  count: number,
): number {
  let filled = 0;
  for (const group of random.shuffle(groups)) {
    if (filled >= count) break;
    const joinOn = schoolDayBetween(
      random,
      addDays(group.row.startDate, 10),
      earlierDate(addDays(ctx.today, -3), group.row.endDate),
      group.site.closed,
    );
    if (!joinOn || seatsTakenFrom(group, joinOn) >= MAX_GROUP_SIZE) continue;
    const waiting = waitlist.get(waitlistKey(group.site.row.id, group.row.subject)) ?? [];
    const index = waiting.findIndex((c) => coversGrade(group, c.student) && isFree(group.meetings, null, [c.student]));
    const candidate = waiting[index];
    if (!candidate) continue;
    waiting.splice(index, 1);
    group.placements.push(newPlacement(ctx, random, group, candidate.student, joinOn));
    book(group.meetings, null, [candidate.student]);
    filled += 1;
  }
  return filled;
}
