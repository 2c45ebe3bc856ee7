'use server';

// The group builder's writes: create a group, place a student, move one, end a
// placement. Each re-checks the rules of ./rules inside its transaction, after
// locking the group row, so what the screen explained is what the server enforces
// and two coordinators racing for the last seat are served one at a time.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { requireGroupAccess } from '@/lib/auth/guards';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/sessions/generate';
import { fromIsoDate, regenerateGroupSessions, toIsoDate } from '@/lib/sessions/schedule';
import { placementPolicy, studentCommitments, tutorCommitments } from './queries';
import { isEligible, type SubjectCode } from './priority';
import { checkOwnMeetings, checkPlacement, checkTutorAssignment } from './rules';
import { addDays, enforce, lockGroup } from './tx-helpers';
import { createGroupSchema, endPlacementSchema, movePlacementSchema, placeStudentSchema } from './schemas';

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
      screeners: { orderBy: [{ testedOn: 'desc' }, { percentile: 'asc' }], select: { subject: true, percentile: true } },
    },
  });
  if (!student || student.siteId !== siteId) throw new ActionError('That student is not at this group’s site. Reload the page.', { studentId: ['Choose a student of this site.'] });
  if (student.status !== 'ACTIVE') throw new ActionError(`${student.firstName} ${student.lastName} has withdrawn and cannot be placed.`);
  const eligibleSubjects = (['MATH', 'ELA'] as const).filter((subject) =>
    isEligible(student.screeners.find((s) => s.subject === subject)?.percentile ?? null, eligibilityPercentile),
  );
  return { ...student, name: `${student.firstName} ${student.lastName}`, eligibleSubjects };
}

async function placeInGroup(
  tx: Tx,
  input: { groupId: string; studentId: string; startDate: IsoDate; goalScore?: number; confirm: boolean },
  policy: { maxGroupSize: number; eligibilityPercentile: number },
  ignore?: { groupId: string; membershipId: string },
) {
  const group = await lockGroup(tx, input.groupId);
  const student = await loadStudent(tx, input.studentId, group.siteId, policy.eligibilityPercentile);
  const verdict = checkPlacement({
    student: { name: student.name, grade: student.grade, eligibleSubjects: student.eligibleSubjects, commitments: await studentCommitments(tx, student.id, input.startDate) },
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

function revalidateSite(siteId: string) {
  revalidatePath(`/sites/${siteId}`, 'layout');
}

export const createGroupAction = defineAction({
  name: 'groups.create',
  permission: 'site.groups.manage',
  input: createGroupSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, input, audit }) {
    const policy = await placementPolicy();
    const [cycle, tutor] = await Promise.all([
      tx.cycle.findUnique({ where: { id: input.cycleId }, select: { id: true, name: true, startDate: true, endDate: true } }),
      tx.user.findUnique({
        where: { id: input.tutorId },
        select: { id: true, name: true, role: true, active: true, sites: { select: { siteId: true } }, tutorProfile: true },
      }),
    ]);
    if (!cycle) throw new ActionError('That cycle no longer exists. Reload the page.', { cycleId: ['Choose a cycle.'] });
    if (!tutor || tutor.role !== 'TUTOR' || !tutor.active || !tutor.tutorProfile || !tutor.sites.some((s) => s.siteId === input.siteId)) {
      throw new ActionError('Choose an active tutor of this site.', { tutorId: ['Choose an active tutor of this site.'] });
    }
    const cycleStart = toIsoDate(cycle.startDate);
    const cycleEnd = toIsoDate(cycle.endDate);
    if (input.startDate < cycleStart || input.endDate > cycleEnd) {
      const message = `The group's dates must fall within ${cycle.name} (${cycleStart} to ${cycleEnd}).`;
      throw new ActionError(message, { startDate: [message] });
    }
    const own = checkOwnMeetings(input.meetings);
    if (own.length) throw new ActionError(own[0]!.message, { meetings: [own[0]!.message] });
    const profile = tutor.tutorProfile;
    enforce(
      checkTutorAssignment(
        {
          name: tutor.name,
          subjects: profile.subjects as SubjectCode[],
          gradeMin: profile.gradeMin,
          gradeMax: profile.gradeMax,
          capacityGroups: profile.capacityGroups,
          capacityMinutesPerWeek: profile.capacityMinutesPerWeek,
          commitments: await tutorCommitments(tx, tutor.id, input.startDate),
        },
        { subject: input.subject, gradeMin: input.gradeMin, gradeMax: input.gradeMax, meetings: input.meetings, startDate: input.startDate, endDate: input.endDate },
      ),
      input.confirm,
    );

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
    const sessions = await regenerateGroupSessions(tx, group.id, input.startDate > policy.today ? input.startDate : policy.today);
    const { confirm: _confirm, ...after } = input;
    await audit({ entityType: 'group', entityId: group.id, siteId: input.siteId, after: { ...after, tutorName: tutor.name, sessionsCreated: sessions.created } });
    revalidateSite(input.siteId);
    return { groupId: group.id, sessionsCreated: sessions.created };
  },
});

export const placeStudentAction = defineAction({
  name: 'placements.add',
  permission: 'site.groups.manage',
  input: placeStudentSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    const policy = await placementPolicy();
    const placed = await placeInGroup(tx, input, policy);
    await audit({
      entityType: 'membership',
      entityId: placed.membershipId,
      siteId: placed.group.siteId,
      after: { student: placed.student.name, group: placed.group.name, startDate: input.startDate, goalScore: input.goalScore ?? null, overrodeWarnings: placed.warnings },
    });
    revalidateSite(placed.group.siteId);
    return { membershipId: placed.membershipId, message: `${placed.student.name} was placed in ${placed.group.name} from ${input.startDate}.` };
  },
});

async function loadMembership(tx: Tx, membershipId: string, groupId: string) {
  const membership = await tx.membership.findUnique({
    where: { id: membershipId },
    select: { id: true, groupId: true, studentId: true, startDate: true, endDate: true, endReason: true, student: { select: { firstName: true, lastName: true } }, group: { select: { name: true, siteId: true } } },
  });
  if (!membership || membership.groupId !== groupId) throw new ActionError('That placement no longer exists. Reload the page.');
  return { ...membership, studentName: `${membership.student.firstName} ${membership.student.lastName}` };
}

export const endPlacementAction = defineAction({
  name: 'placements.end',
  permission: 'site.groups.manage',
  input: endPlacementSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    await tx.$queryRaw`SELECT id FROM tutoring_group WHERE id = ${input.groupId}::uuid FOR UPDATE`;
    const membership = await loadMembership(tx, input.membershipId, input.groupId);
    const start = toIsoDate(membership.startDate);
    if (membership.endDate && toIsoDate(membership.endDate) <= input.endDate) {
      throw new ActionError(`${membership.studentName} already left ${membership.group.name} on ${toIsoDate(membership.endDate)}.`);
    }
    const before = { startDate: start, endDate: membership.endDate ? toIsoDate(membership.endDate) : null, endReason: membership.endReason };
    if (input.endDate < start) {
      // A placement that never began leaves no history to keep: attended nothing, no probes.
      const [attended, probes] = await Promise.all([
        tx.attendance.count({ where: { studentId: membership.studentId, session: { groupId: input.groupId, date: { gte: membership.startDate } } } }),
        tx.probe.count({ where: { membershipId: membership.id } }),
      ]);
      if (attended + probes > 0) throw new ActionError(`The last day cannot be before ${membership.studentName}'s first day (${start}).`, { endDate: ['Choose a later date.'] });
      await tx.membership.delete({ where: { id: membership.id } });
      await audit({ entityType: 'membership', entityId: membership.id, siteId: membership.group.siteId, before: { ...before, student: membership.studentName }, after: { cancelledBeforeStart: true, reason: input.reason } });
    } else {
      await tx.membership.update({ where: { id: membership.id }, data: { endDate: fromIsoDate(input.endDate), endReason: input.reason } });
      await audit({ entityType: 'membership', entityId: membership.id, siteId: membership.group.siteId, before: { ...before, student: membership.studentName }, after: { ...before, endDate: input.endDate, endReason: input.reason } });
    }
    revalidateSite(membership.group.siteId);
    return { message: `${membership.studentName} left ${membership.group.name} (last day ${input.endDate}).` };
  },
});

export const movePlacementAction = defineAction({
  name: 'placements.move',
  permission: 'site.groups.manage',
  input: movePlacementSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, user, input, audit }) {
    if (input.toGroupId === input.groupId) throw new ActionError('Choose a different group to move to.', { toGroupId: ['Choose a different group.'] });
    await requireGroupAccess(user, input.toGroupId);
    const policy = await placementPolicy();
    // Lock both groups in one order, so two moves in opposite directions cannot deadlock.
    for (const id of [input.groupId, input.toGroupId].sort()) await tx.$queryRaw`SELECT id FROM tutoring_group WHERE id = ${id}::uuid FOR UPDATE`;
    const membership = await loadMembership(tx, input.membershipId, input.groupId);
    const start = toIsoDate(membership.startDate);
    if (membership.endDate && toIsoDate(membership.endDate) < input.startDate) throw new ActionError(`${membership.studentName} is no longer in ${membership.group.name}.`);
    if (input.startDate <= start) {
      throw new ActionError(`The move must start after ${membership.studentName}'s first day in ${membership.group.name} (${start}).`, { startDate: ['Choose a later date.'] });
    }
    const lastDay = addDays(input.startDate, -1);
    await tx.membership.update({ where: { id: membership.id }, data: { endDate: fromIsoDate(lastDay), endReason: 'Moved to another group' } });
    const placed = await placeInGroup(tx, { groupId: input.toGroupId, studentId: membership.studentId, startDate: input.startDate, confirm: input.confirm }, policy, {
      groupId: input.groupId,
      membershipId: membership.id,
    });
    if (placed.group.siteId !== membership.group.siteId) throw new ActionError('A student can only move to a group at their own site.');
    await audit({
      entityType: 'membership',
      entityId: membership.id,
      siteId: membership.group.siteId,
      before: { group: membership.group.name, startDate: start, endDate: null },
      after: { group: membership.group.name, startDate: start, endDate: lastDay, movedTo: placed.group.name, newMembershipId: placed.membershipId, overrodeWarnings: placed.warnings },
    });
    revalidateSite(membership.group.siteId);
    return { membershipId: placed.membershipId, message: `${membership.studentName} moved to ${placed.group.name} from ${input.startDate}.` };
  },
});
