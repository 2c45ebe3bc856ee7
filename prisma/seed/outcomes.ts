// What happened to each past session: held (by the primary tutor or a
// substitute), cancelled for a reason, or not yet logged. Events that touch a
// whole school or a tutor's whole day are decided once per day, so every group
// affected agrees.
import type { CancellationReason } from '../../lib/generated/prisma/enums';
import { addDays, isoWeekday, type IsoDate } from '../../lib/dates';
import { type PlannedSession } from '../../lib/sessions/generate';
import { slotKey, type PlannedGroup, type SeedContext, type Site, type Tutor } from './model';
import { hashChance, type Random } from './random';

export type Outcome =
  | { status: 'SCHEDULED' }
  | { status: 'HELD'; deliveredBy: Tutor; substitute: Tutor | null; actualMinutes: number }
  | { status: 'CANCELLED'; reason: CancellationReason; note: string; loggedById: string };

const NOTES: Record<CancellationReason, readonly string[]> = {
  TUTOR_ABSENT: [
    'Tutor out sick; no substitute available',
    'Tutor absent (family emergency)',
    'Tutor absent; coverage not found in time',
  ],
  STUDENT_OR_SCHOOL_EVENT: [
    'Class field trip',
    'School-wide assembly',
    'Fire drill ran into the session',
    'Picture day',
    'Grade-level performance rehearsal',
    'Classroom celebration',
  ],
  TESTING: ['Interim assessment window', 'Benchmark testing in the classroom'],
  SCHOOL_CLOSURE: ['Building closed: water main break', 'Early dismissal for weather', 'Power outage at the school'],
  OTHER: ['Room unavailable', 'Tablet login outage', 'Tutor pulled to cover a classroom'],
};

export interface DayContext {
  ctx: SeedContext;
  group: PlannedGroup;
  random: Random;
  /** Other tutors at the site who teach the group's subject. */
  substitutes: readonly Tutor[];
}

/** Tuesday–Thursday of interim-testing weeks, staggered across sites. */
function isTestingDay(ctx: SeedContext, site: Site, date: IsoDate, cycleStart: IsoDate): boolean {
  const weekday = isoWeekday(date);
  if (weekday < 2 || weekday > 4) return false;
  const week = Math.floor((Date.parse(date) - Date.parse(cycleStart)) / (7 * 86_400_000));
  const first = 5 + (site.index % 3);
  return week === first || (ctx.scale.cycleLength === 'school-year' && (week === first + 15 || week === first + 27));
}

export function isTutorAbsent(ctx: SeedContext, tutor: Tutor, date: IsoDate): boolean {
  return hashChance(ctx.scale.name, ctx.today, 'tutor-absent', tutor.user.id, date) < tutor.absenceRate;
}

function cancelled(day: DayContext, reason: CancellationReason, loggedById: string): Outcome {
  return { status: 'CANCELLED', reason, note: day.random.pick(NOTES[reason]), loggedById };
}

function held(day: DayContext, deliveredBy: Tutor, substitute: Tutor | null, planned: number): Outcome {
  const { random } = day;
  const actualMinutes = random.chance(0.13)
    ? Math.max(10, planned - random.int(5, 10))
    : random.chance(0.03)
      ? planned + 5
      : planned;
  return { status: 'HELD', deliveredBy, substitute, actualMinutes };
}

/** A colleague who is at work that day and not teaching their own group at that time. */
function pickSubstitute(day: DayContext, session: PlannedSession): Tutor | null {
  const slot = slotKey(isoWeekday(session.date), session.startMinute);
  const available = day.substitutes.filter(
    (tutor) => !tutor.busy.has(slot) && !isTutorAbsent(day.ctx, tutor, session.date),
  );
  return available.length > 0 ? day.random.pick(available) : null;
}

function isUnlogged(day: DayContext, session: PlannedSession): boolean {
  const { ctx, group } = day;
  if (session.date < addDays(ctx.today, -7)) return false;
  return (
    hashChance(ctx.today, 'unlogged', group.row.id, session.date, session.startMinute) < (group.site.weak ? 0.2 : 0.07)
  );
}

export function outcomeOf(day: DayContext, session: PlannedSession, cycleStart: IsoDate): Outcome {
  const { ctx, group, random } = day;
  const { site, tutor } = group;
  if (session.date >= ctx.today || isUnlogged(day, session)) return { status: 'SCHEDULED' };
  if (site.unplannedClosures.has(session.date)) return cancelled(day, 'SCHOOL_CLOSURE', site.coordinatorId);
  const duringSchool = group.row.modality === 'IN_SCHOOL_PULL_OUT' || group.row.modality === 'PUSH_IN';
  if (duringSchool && isTestingDay(ctx, site, session.date, cycleStart) && random.chance(0.25)) {
    return cancelled(day, 'TESTING', site.coordinatorId);
  }
  if (isTutorAbsent(ctx, tutor, session.date)) {
    const substitute = random.chance(site.weak ? 0.3 : 0.55) ? pickSubstitute(day, session) : null;
    return substitute
      ? held(day, substitute, substitute, session.plannedMinutes)
      : cancelled(day, 'TUTOR_ABSENT', site.coordinatorId);
  }
  // Planned cover: the primary tutor is at training or on another duty.
  if (random.chance(0.01)) {
    const substitute = pickSubstitute(day, session);
    if (substitute) return held(day, substitute, substitute, session.plannedMinutes);
  }
  if (random.chance(site.weak ? 0.03 : 0.016)) return cancelled(day, 'STUDENT_OR_SCHOOL_EVENT', tutor.user.id);
  if (random.chance(site.weak ? 0.008 : 0.003)) return cancelled(day, 'OTHER', tutor.user.id);
  return held(day, tutor, null, session.plannedMinutes);
}

export function canBeMadeUp(reason: CancellationReason): boolean {
  return reason === 'TUTOR_ABSENT' || reason === 'STUDENT_OR_SCHOOL_EVENT' || reason === 'OTHER';
}
