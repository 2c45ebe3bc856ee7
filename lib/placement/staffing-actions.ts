'use server';

// Substitutes for one session or a range of dates, and handing a group to another
// tutor in one step. Logged sessions are never touched: they record who delivered them.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import { placementPolicy } from './policy';
import { tutorCommitments } from './commitments';
import type { SubjectCode } from './priority';
import { checkClearance, checkTutorAssignment, checkTutorFit, clearanceOf, tutorForRules, withIssues } from './rules';
import { assignSubstituteSchema, reassignTutorSchema } from './schemas';
import { requireSiteTutor, tutorClashes } from './staffing';
import { enforce, lockGroup } from './tx-helpers';

export const assignSubstituteAction = defineAction({
  name: 'sessions.assignSubstitute',
  permission: 'site.groups.manage',
  input: assignSubstituteSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    const group = await lockGroup(tx, input.groupId);
    const primary = await tx.group.findUniqueOrThrow({ where: { id: group.id }, select: { primaryTutorId: true } });
    const sessions = await tx.session.findMany({
      where: {
        groupId: group.id,
        status: 'SCHEDULED',
        date: { gte: fromIsoDate(input.fromDate), lte: fromIsoDate(input.toDate) },
      },
      orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
      select: { id: true, date: true, startMinute: true, plannedMinutes: true, substituteTutorId: true },
    });
    const range =
      input.fromDate === input.toDate ? `on ${input.fromDate}` : `from ${input.fromDate} to ${input.toDate}`;
    if (sessions.length === 0)
      throw new ActionError(`${group.name} has no unlogged sessions ${range}.`, {
        fromDate: ['Choose dates with sessions still to come.'],
      });

    let substitute: { id: string; name: string } | null = null;
    if (input.tutorId) {
      if (input.tutorId === primary.primaryTutorId) {
        throw new ActionError('That is the group’s own tutor. Choose “No substitute” to hand the sessions back.', {
          tutorId: ['Choose another tutor.'],
        });
      }
      const tutor = await requireSiteTutor(tx, input.tutorId, group.siteId);
      substitute = tutor;
      // Cleared through the last session they would cover.
      const last = toIsoDate(sessions[sessions.length - 1]!.date);
      const cleared = checkClearance(tutor.name, clearanceOf(tutor.tutorProfile), last, last);
      if (cleared.length) throw new ActionError(cleared[0]!.message, { tutorId: [cleared[0]!.message] });
      // Not while they are recorded out (absent or on leave) on a day they would cover.
      const dates = sessions.map((s) => s.date);
      const out = await tx.tutorAbsence.findFirst({
        where: { tutorId: tutor.id, OR: dates.map((date) => ({ startDate: { lte: date }, endDate: { gte: date } })) },
        select: { kind: true, startDate: true, endDate: true },
      });
      if (out) {
        const message = `${tutor.name} is recorded ${out.kind === 'LEAVE' ? 'on leave' : 'absent'} from ${toIsoDate(out.startDate)} to ${toIsoDate(out.endDate)}: choose another substitute.`;
        throw new ActionError(message, { tutorId: [message] });
      }
      // The group's subject and grades, as for a primary tutor: a warning to confirm.
      enforce(
        {
          blocks: [],
          warnings: checkTutorFit(
            {
              name: tutor.name,
              subjects: tutor.tutorProfile.subjects as SubjectCode[],
              gradeMin: tutor.tutorProfile.gradeMin,
              gradeMax: tutor.tutorProfile.gradeMax,
            },
            { subject: group.subject as SubjectCode, gradeMin: group.gradeMin, gradeMax: group.gradeMax },
          ),
        },
        input.confirm,
      );
      const clashes = await tutorClashes(tx, substitute.id, sessions, group.id);
      if (clashes.length) {
        const message = `${substitute.name} is teaching then: ${clashes.slice(0, 3).join('; ')}${clashes.length > 3 ? ` and ${clashes.length - 3} more` : ''}.`;
        throw new ActionError(message, { tutorId: [message] });
      }
    }
    await tx.session.updateMany({
      where: { id: { in: sessions.map((s) => s.id) }, status: 'SCHEDULED' },
      data: { substituteTutorId: substitute?.id ?? null },
    });
    await audit({
      entityType: 'group',
      entityId: group.id,
      siteId: group.siteId,
      before: { sessions: sessions.map((s) => ({ date: toIsoDate(s.date), substituteTutorId: s.substituteTutorId })) },
      after: {
        substitute: substitute?.name ?? null,
        substituteTutorId: substitute?.id ?? null,
        fromDate: input.fromDate,
        toDate: input.toDate,
        sessions: sessions.length,
      },
    });
    revalidatePath(`/sites/${group.siteId}`, 'layout');
    const message = substitute
      ? `${substitute.name} covers ${sessions.length} session${sessions.length === 1 ? '' : 's'} of ${group.name} ${range}.`
      : `The group's own tutor teaches ${sessions.length} session${sessions.length === 1 ? '' : 's'} ${range} again.`;
    return { sessions: sessions.length, message };
  },
});

export const reassignTutorAction = defineAction({
  name: 'groups.reassignTutor',
  permission: 'site.groups.manage',
  input: reassignTutorSchema,
  scope: (input) => ({ groupId: input.groupId }),
  async run({ tx, input, audit }) {
    const group = await lockGroup(tx, input.groupId);
    const current = await tx.group.findUniqueOrThrow({
      where: { id: group.id },
      select: { primaryTutor: { select: { id: true, name: true } } },
    });
    if (current.primaryTutor.id === input.tutorId)
      throw new ActionError(`${current.primaryTutor.name} already teaches ${group.name}.`, {
        tutorId: ['Choose another tutor.'],
      });
    const tutor = await requireSiteTutor(tx, input.tutorId, group.siteId);
    const policy = await placementPolicy(tx);
    const from = policy.today > toIsoDate(group.startDate) ? policy.today : toIsoDate(group.startDate);
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
            gradeMin: group.gradeMin,
            gradeMax: group.gradeMax,
            meetings: group.meetings,
            startDate: from,
            endDate: toIsoDate(group.endDate),
          },
        ),
        checkClearance(tutor.name, clearanceOf(tutor.tutorProfile), from, toIsoDate(group.endDate)),
      ),
      input.confirm,
    );
    await tx.group.update({ where: { id: group.id }, data: { primaryTutorId: tutor.id } });
    // Sessions still to come follow the new primary tutor; the past keeps the one it had.
    await tx.session.updateMany({
      where: { groupId: group.id, status: 'SCHEDULED', date: { gte: fromIsoDate(policy.today) } },
      data: { primaryTutorId: tutor.id },
    });
    // Sessions the new tutor was already covering are simply theirs now.
    await tx.session.updateMany({
      where: { groupId: group.id, status: 'SCHEDULED', substituteTutorId: tutor.id },
      data: { substituteTutorId: null },
    });
    await audit({
      entityType: 'group',
      entityId: group.id,
      siteId: group.siteId,
      before: { primaryTutorId: current.primaryTutor.id, tutor: current.primaryTutor.name },
      after: { primaryTutorId: tutor.id, tutor: tutor.name },
    });
    revalidatePath(`/sites/${group.siteId}`, 'layout');
    return { message: `${tutor.name} now teaches ${group.name}. Logged sessions keep the tutor who delivered them.` };
  },
});
