'use server';

// A coordinator records a tutor out (absent for a day, or on leave): the tutor's
// sessions on those days become coverage gaps on the to-do queue until a substitute
// is assigned, and the tutor cannot be assigned as a substitute then.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import { districtToday } from '@/lib/settings/district';
import { recordAbsenceSchema, removeAbsenceSchema } from './schemas';
import { requireSiteTutor } from './staffing';

export const recordAbsenceAction = defineAction({
  name: 'tutors.recordAbsence',
  permission: 'site.groups.manage',
  input: recordAbsenceSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, user, input, audit }) {
    const tutor = await requireSiteTutor(tx, input.tutorId, input.siteId);
    const absence = await tx.tutorAbsence.create({
      data: {
        tutorId: tutor.id,
        kind: input.kind,
        startDate: fromIsoDate(input.startDate),
        endDate: fromIsoDate(input.endDate),
        note: input.note ?? null,
        createdById: user.id,
      },
    });
    const uncovered = await tx.session.count({
      where: {
        status: 'SCHEDULED',
        substituteTutorId: null,
        group: { primaryTutorId: tutor.id, status: 'ACTIVE' },
        date: { gte: fromIsoDate(input.startDate), lte: fromIsoDate(input.endDate) },
      },
    });
    await audit({
      entityType: 'tutor_absence',
      entityId: absence.id,
      siteId: input.siteId,
      after: {
        tutor: tutor.name,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        note: input.note ?? null,
      },
    });
    revalidatePath(`/sites/${input.siteId}`, 'layout');
    const days =
      input.startDate === input.endDate ? `on ${input.startDate}` : `from ${input.startDate} to ${input.endDate}`;
    return {
      message: `${tutor.name} is recorded ${input.kind === 'LEAVE' ? 'on leave' : 'absent'} ${days}: ${uncovered} session${uncovered === 1 ? '' : 's'} of their groups need a substitute (see the to-do queue).`,
    };
  },
});

/**
 * Takes back a tutor's absence recorded by mistake (or cut short: record the days
 * again). One that has ended stays, as history of who covered what.
 */
export const removeAbsenceAction = defineAction({
  name: 'tutors.removeAbsence',
  permission: 'site.groups.manage',
  input: removeAbsenceSchema,
  scope: (input) => ({ siteId: input.siteId }),
  async run({ tx, input, audit }) {
    const absence = await tx.tutorAbsence.findUnique({ where: { id: input.absenceId } });
    if (!absence) throw new ActionError('That absence was already removed. Reload the page.');
    const tutor = await requireSiteTutor(tx, absence.tutorId, input.siteId, 'absenceId');
    const today = await districtToday(tx);
    const endDate = toIsoDate(absence.endDate);
    if (endDate < today)
      throw new ActionError(`That absence ended on ${endDate}: it stays as a record of who was out.`);
    await tx.tutorAbsence.delete({ where: { id: absence.id } });
    const startDate = toIsoDate(absence.startDate);
    await audit({
      entityType: 'tutor_absence',
      entityId: absence.id,
      siteId: input.siteId,
      before: { tutor: tutor.name, kind: absence.kind, startDate, endDate, note: absence.note },
    });
    revalidatePath(`/sites/${input.siteId}`, 'layout');
    const days = startDate === endDate ? `on ${startDate}` : `from ${startDate} to ${endDate}`;
    return { message: `${tutor.name} is no longer recorded out ${days}.` };
  },
});
