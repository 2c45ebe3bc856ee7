// The group builder's writes, shared by its actions (a single placement, a new group,
// an accepted suggestion): each re-checks the rules inside the caller's transaction.
import { requireGroupMeasure } from '@/lib/measures/queries';
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/dates';
import { fromIsoDate, regenerateGroupSessions, toIsoDate } from '@/lib/sessions/schedule';
import { placementPolicy } from './policy';
import { studentCommitments, tutorCommitments } from './commitments';
import { isEligible, type SubjectCode } from './priority';
import {
  checkGroupPlan,
  checkOwnMeetings,
  checkPlacement,
  checkTutorAssignment,
  tutorForRules,
  withIssues,
  checkClearance,
  clearanceOf,
} from './rules';
import type { CreateGroupInput, UpdateGroupInput } from './schemas';
import { enforce, lockGroup } from './tx-helpers';

type Tx = Prisma.TransactionClient;

/** Students in the group on the busiest day from `from` on (the trigger's count, for the message). */
async function seatsTaken(tx: Tx, groupId: string, from: IsoDate, ignoreMembershipId?: string): Promise<number> {
  const rows = await tx.$queryRaw<{ peak: number }[]>`
    SELECT COALESCE(MAX(n), 0)::int AS peak FROM (
      SELECT d, count(m2.id) AS n FROM (
        SELECT DISTINCT GREATEST(m."startDate", ${from}::date) AS d FROM membership m
        WHERE m."groupId" = ${groupId}::uuid AND COALESCE(m."endDate", 'infinity'::date) >= ${from}::date
      ) points
      JOIN membership m2 ON m2."groupId" = ${groupId}::uuid AND m2."startDate" <= points.d
        AND COALESCE(m2."endDate", 'infinity'::date) >= points.d
        AND m2.id <> COALESCE(${ignoreMembershipId ?? null}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
      GROUP BY d) counts`;
  return rows[0]?.peak ?? 0;
}

async function loadStudent(tx: Tx, studentId: string, siteId: string, eligibilityPercentile: number) {
  const student = await tx.student.findUnique({
    where: { id: studentId },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      grade: true,
      siteId: true,
      status: true,
      screeners: {
        orderBy: [{ testedOn: 'desc' }, { percentile: 'asc' }],
        select: { subject: true, percentile: true },
      },
    },
  });
  if (!student || student.siteId !== siteId)
    throw new ActionError('That student is not at this group’s site. Reload the page.', {
      studentId: ['Choose a student of this site.'],
    });
  if (student.status !== 'ACTIVE')
    throw new ActionError(`${student.firstName} ${student.lastName} has withdrawn and cannot be placed.`);
  const eligibleSubjects = (['MATH', 'ELA'] as const).filter((subject) =>
    isEligible(student.screeners.find((s) => s.subject === subject)?.percentile ?? null, eligibilityPercentile),
  );
  return { ...student, name: `${student.firstName} ${student.lastName}`, eligibleSubjects };
}

export async function placeInGroup(
  tx: Tx,
  input: { groupId: string; studentId: string; startDate: IsoDate; goalScore?: number; confirm: boolean },
  policy: { maxGroupSize: number; eligibilityPercentile: number },
  ignore?: { groupId: string; membershipId: string },
) {
  const group = await lockGroup(tx, input.groupId);
  const student = await loadStudent(tx, input.studentId, group.siteId, policy.eligibilityPercentile);
  const verdict = checkPlacement({
    student: {
      name: student.name,
      grade: student.grade,
      eligibleSubjects: student.eligibleSubjects,
      commitments: await studentCommitments(tx, student.id, input.startDate),
    },
    group: {
      id: group.id,
      name: group.name,
      subject: group.subject as SubjectCode,
      gradeMin: group.gradeMin,
      gradeMax: group.gradeMax,
      meetings: group.meetings,
      startDate: toIsoDate(group.startDate),
      endDate: toIsoDate(group.endDate),
      seatsTaken: await seatsTaken(tx, group.id, input.startDate, ignore?.membershipId),
    },
    startDate: input.startDate,
    maxGroupSize: policy.maxGroupSize,
    ignoreGroupId: ignore?.groupId,
  });
  enforce(verdict, input.confirm);
  const membership = await tx.membership.create({
    data: {
      groupId: group.id,
      studentId: student.id,
      startDate: fromIsoDate(input.startDate),
      goalScore: input.goalScore ?? null,
      goalDate: group.endDate,
    },
    select: { id: true },
  });
  return { group, student, membershipId: membership.id, warnings: verdict.warnings.map((w) => w.message) };
}

/** Creates a group with its weekly meetings and sessions, after the tutor and calendar checks. */
export async function createGroupInTx(
  tx: Tx,
  input: CreateGroupInput,
): Promise<{ groupId: string; tutorName: string; sessionsCreated: number }> {
  const policy = await placementPolicy(tx);
  const [cycle, tutor] = await Promise.all([
    tx.cycle.findUnique({
      where: { id: input.cycleId },
      select: { id: true, name: true, startDate: true, endDate: true },
    }),
    tx.user.findUnique({
      where: { id: input.tutorId },
      select: {
        id: true,
        name: true,
        role: true,
        active: true,
        sites: { select: { siteId: true } },
        tutorProfile: true,
      },
    }),
  ]);
  if (!cycle) throw new ActionError('That cycle no longer exists. Reload the page.', { cycleId: ['Choose a cycle.'] });
  if (
    !tutor ||
    tutor.role !== 'TUTOR' ||
    !tutor.active ||
    !tutor.tutorProfile ||
    !tutor.sites.some((s) => s.siteId === input.siteId)
  ) {
    throw new ActionError('Choose an active tutor of this site.', {
      tutorId: ['Choose an active tutor of this site.'],
    });
  }
  const cycleStart = toIsoDate(cycle.startDate);
  const cycleEnd = toIsoDate(cycle.endDate);
  if (input.startDate < cycleStart || input.endDate > cycleEnd) {
    const message = `The group's dates must fall within ${cycle.name} (${cycleStart} to ${cycleEnd}).`;
    throw new ActionError(message, { startDate: [message] });
  }
  const own = checkOwnMeetings(input.meetings);
  if (own.length) throw new ActionError(own[0]!.message, { meetings: [own[0]!.message] });
  enforce(
    withIssues(
      checkTutorAssignment(
        tutorForRules(
          { name: tutor.name, tutorProfile: tutor.tutorProfile },
          await tutorCommitments(tx, tutor.id, input.startDate),
        ),
        {
          subject: input.subject,
          gradeMin: input.gradeMin,
          gradeMax: input.gradeMax,
          meetings: input.meetings,
          startDate: input.startDate,
          endDate: input.endDate,
        },
      ),
      [
        ...checkGroupPlan(input, policy),
        ...checkClearance(
          tutor.name,
          clearanceOf(tutor.tutorProfile),
          input.startDate > policy.today ? input.startDate : policy.today,
          input.endDate,
        ),
      ],
    ),
    input.confirm,
  );

  await requireGroupMeasure(tx, input.probeMeasure, input.subject);

  const group = await tx.group.create({
    data: {
      siteId: input.siteId,
      cycleId: cycle.id,
      name: input.name,
      subject: input.subject,
      gradeMin: input.gradeMin,
      gradeMax: input.gradeMax,
      targetSkill: input.targetSkill,
      probeMeasure: input.probeMeasure,
      primaryTutorId: tutor.id,
      modality: input.modality,
      room: input.room ?? null,
      startDate: fromIsoDate(input.startDate),
      endDate: fromIsoDate(input.endDate),
      meetings: { create: input.meetings },
    },
    select: { id: true },
  });
  const sessions = await regenerateGroupSessions(
    tx,
    group.id,
    input.startDate > policy.today ? input.startDate : policy.today,
  );
  return { groupId: group.id, tutorName: tutor.name, sessionsCreated: sessions.created };
}

/**
 * Changes a group's details and weekly schedule, then regenerates its sessions from
 * today (or its start): logged sessions, make-ups and sessions with attendance stay.
 */
export async function updateGroupInTx(tx: Tx, input: UpdateGroupInput) {
  const policy = await placementPolicy(tx);
  const group = await lockGroup(tx, input.groupId);
  const full = await tx.group.findUniqueOrThrow({
    where: { id: group.id },
    select: {
      name: true,
      gradeMin: true,
      gradeMax: true,
      targetSkill: true,
      probeMeasure: true,
      modality: true,
      room: true,
      startDate: true,
      endDate: true,
      cycle: { select: { name: true, startDate: true, endDate: true } },
      primaryTutor: { select: { id: true, name: true, tutorProfile: true } },
      meetings: { select: { weekday: true, startMinute: true, plannedMinutes: true } },
      memberships: {
        where: { OR: [{ endDate: null }, { endDate: { gte: fromIsoDate(policy.today) } }] },
        select: {
          studentId: true,
          startDate: true,
          endDate: true,
          student: { select: { firstName: true, lastName: true } },
        },
      },
    },
  });
  const oldStart = toIsoDate(full.startDate);
  const started = oldStart <= policy.today;
  if (started && input.startDate !== oldStart) {
    throw new ActionError(`${full.name} began on ${oldStart}; its start date can no longer change.`, {
      startDate: [`Keep ${oldStart}.`],
    });
  }
  const [cycleStart, cycleEnd] = [toIsoDate(full.cycle.startDate), toIsoDate(full.cycle.endDate)];
  if (input.startDate < cycleStart || input.endDate > cycleEnd) {
    const message = `The group's dates must fall within ${full.cycle.name} (${cycleStart} to ${cycleEnd}).`;
    throw new ActionError(message, { endDate: [message] });
  }
  const stranded = full.memberships.filter(
    (m) => toIsoDate(m.startDate) > input.endDate || (m.endDate && toIsoDate(m.endDate) > input.endDate),
  );
  if (stranded.length) {
    throw new ActionError(
      `Placements run past the new end date (${stranded.map((m) => `${m.student.firstName} ${m.student.lastName}`).join(', ')}). End or move them first.`,
      { endDate: ['Choose a later end date.'] },
    );
  }
  const own = checkOwnMeetings(input.meetings);
  if (own.length) throw new ActionError(own[0]!.message, { meetings: [own[0]!.message] });
  const from = policy.today > input.startDate ? policy.today : input.startDate;
  const span = { startDate: from, endDate: input.endDate };
  // Every current student must still be free at the new times.
  const blocks: string[] = [];
  for (const m of full.memberships) {
    for (const other of await studentCommitments(tx, m.studentId, from)) {
      if (other.groupId === group.id) continue;
      const verdict = checkPlacement({
        student: {
          name: `${m.student.firstName} ${m.student.lastName}`,
          grade: input.gradeMin,
          eligibleSubjects: [group.subject as SubjectCode],
          commitments: [other],
        },
        group: {
          id: group.id,
          name: full.name,
          subject: group.subject as SubjectCode,
          gradeMin: input.gradeMin,
          gradeMax: input.gradeMax,
          meetings: input.meetings,
          ...span,
          seatsTaken: 0,
        },
        startDate: from,
        maxGroupSize: Number.MAX_SAFE_INTEGER,
      });
      blocks.push(...verdict.blocks.filter((b) => b.rule === 'student_time_conflict').map((b) => b.message));
    }
  }
  if (blocks.length) throw new ActionError(blocks.join(' '), { rules: blocks });
  const tutor = full.primaryTutor;
  const plan = checkGroupPlan(input, policy);
  await requireGroupMeasure(tx, input.probeMeasure, group.subject as SubjectCode, full.probeMeasure);
  if (input.probeMeasure !== full.probeMeasure) {
    const scored = await tx.probe.count({ where: { groupId: group.id, measure: full.probeMeasure } });
    if (scored)
      plan.push({
        rule: 'measure_change',
        severity: 'warning',
        message: `${scored} score${scored === 1 ? ' is' : 's are'} recorded on ${full.probeMeasure}; on ${input.probeMeasure} the group's growth starts again from its next pre score.`,
      });
  }
  if (!tutor.tutorProfile) enforce({ blocks: [], warnings: plan }, input.confirm);
  else {
    enforce(
      withIssues(
        checkTutorAssignment(
          tutorForRules(
            { name: tutor.name, tutorProfile: tutor.tutorProfile },
            await tutorCommitments(tx, tutor.id, from),
          ),
          {
            id: group.id,
            subject: group.subject as SubjectCode,
            gradeMin: input.gradeMin,
            gradeMax: input.gradeMax,
            meetings: input.meetings,
            ...span,
          },
        ),
        plan,
      ),
      input.confirm,
    );
  }
  const before = {
    name: full.name,
    gradeMin: full.gradeMin,
    gradeMax: full.gradeMax,
    targetSkill: full.targetSkill,
    probeMeasure: full.probeMeasure,
    modality: full.modality,
    room: full.room,
    startDate: oldStart,
    endDate: toIsoDate(full.endDate),
    meetings: full.meetings,
  };
  await tx.group.update({
    where: { id: group.id },
    data: {
      name: input.name,
      gradeMin: input.gradeMin,
      gradeMax: input.gradeMax,
      targetSkill: input.targetSkill,
      probeMeasure: input.probeMeasure,
      modality: input.modality,
      room: input.room ?? null,
      startDate: fromIsoDate(input.startDate),
      endDate: fromIsoDate(input.endDate),
    },
  });
  await tx.groupMeeting.deleteMany({ where: { groupId: group.id } });
  await tx.groupMeeting.createMany({ data: input.meetings.map((m) => ({ ...m, groupId: group.id })) });
  const sessions = await regenerateGroupSessions(tx, group.id, from);
  const { confirm: _confirm, groupId: _id, ...after } = input;
  return { siteId: group.siteId, before, after, sessions };
}
