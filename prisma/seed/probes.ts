// Progress monitoring: a pre probe at placement, a progress probe about every two
// weeks in a session the student attended, a post probe when a placement ends.
// Growth comes with dose: each attended session moves the student along their trend.
import type { ProbeKind } from '../../lib/generated/prisma/enums';
import { addDays, type IsoDate } from '../../lib/dates';
import { clampScore } from './curriculum';
import type { Placement, PlannedGroup, SeedContext } from './model';
import type { Random } from './random';
import type { ProbeRow, SessionRow } from './rows';

const PROBE_INTERVAL_DAYS = 14;

function probe(
  ctx: SeedContext,
  group: PlannedGroup,
  placement: Placement,
  kind: ProbeKind,
  score: number,
  on: IsoDate,
  tutorId: string | null,
): ProbeRow {
  return {
    id: ctx.ids.uuid(),
    studentId: placement.student.row.id,
    groupId: group.row.id,
    membershipId: placement.row.id,
    measure: group.row.probeMeasure,
    kind,
    score,
    maxScore: group.skill.maxScore,
    administeredOn: on,
    tutorId,
  };
}

export function probesFor(
  ctx: SeedContext,
  random: Random,
  group: PlannedGroup,
  placement: Placement,
  attended: readonly SessionRow[],
): ProbeRow[] {
  const { skill } = group;
  const start = placement.row.startDate;
  if (start > ctx.today) return [];
  const gainPerSession = (skill.weeklyGrowth * placement.responsiveness) / Math.max(1, group.meetings.length);
  const scoreAfter = (sessions: number): number =>
    clampScore(skill, placement.preScore + gainPerSession * sessions + random.normal(0, skill.noise * 0.8));

  const probes = [probe(ctx, group, placement, 'PRE', placement.preScore, start, group.tutor.user.id)];
  let nextDue = addDays(start, PROBE_INTERVAL_DAYS);
  attended.forEach((session, index) => {
    if (session.date < nextDue) return;
    probes.push(probe(ctx, group, placement, 'PROGRESS', scoreAfter(index + 1), session.date, session.deliveredById));
    nextDue = addDays(session.date, PROBE_INTERVAL_DAYS + random.int(-1, 3));
  });

  const end = placement.row.endDate;
  if (end !== null && end < ctx.today) {
    const finalSessions = attended.filter((session) => session.date <= end);
    const last = finalSessions[finalSessions.length - 1];
    const lastProbe = probes[probes.length - 1];
    // A post probe on the last day attended replaces a progress probe given that same day.
    if (last && lastProbe?.kind === 'PROGRESS' && lastProbe.administeredOn === last.date) probes.pop();
    probes.push(
      probe(
        ctx,
        group,
        placement,
        'POST',
        scoreAfter(finalSessions.length),
        last?.date ?? end,
        last?.deliveredById ?? group.tutor.user.id,
      ),
    );
  }
  return probes;
}
