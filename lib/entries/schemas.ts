// A tutor's log of one session: held or cancelled, minutes, attendance per student,
// a note; sent as a plain object (also from the offline queue) with a client id.
import { z } from 'zod';
import { blankToUndefined, numberInput } from '@/lib/actions/number-input';
import { isoDateSchema } from '@/lib/dates';
import { uuidSchema } from '@/lib/placement/schemas';
import { ATTENDANCE_MARKS, CANCELLATION_REASONS } from '@/lib/codes';

export const clientIdSchema = z
  .string({ error: 'The entry has no client id.' })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, 'The entry’s client id is not valid.');

const attendanceSchema = z.object({
  studentId: uuidSchema('student'),
  status: z.enum(ATTENDANCE_MARKS, { error: 'Mark each student present, late or absent.' }),
  minutesAttended: z.preprocess(
    blankToUndefined,
    numberInput(z.number().int('Minutes are whole numbers.').min(0).max(480)).optional(),
  ),
});

export const logSessionSchema = z
  .object({
    sessionId: uuidSchema('session'),
    clientId: clientIdSchema,
    status: z.enum(['HELD', 'CANCELLED'], { error: 'Say whether the session was held or cancelled.' }),
    cancellationReason: z.preprocess(
      blankToUndefined,
      z.enum(CANCELLATION_REASONS, { error: 'Choose why it was cancelled.' }).optional(),
    ),
    actualMinutes: z.preprocess(
      blankToUndefined,
      numberInput(
        z
          .number({ error: 'Minutes must be a number.' })
          .int('Minutes are whole numbers.')
          .min(1, 'At least 1 minute.')
          .max(240, 'At most 240 minutes.'),
      ).optional(),
    ),
    note: z.preprocess(
      blankToUndefined,
      z.string().trim().max(500, 'Keep the note to 500 characters or fewer.').optional(),
    ),
    attendance: z.array(attendanceSchema).max(12, 'Too many students for one group.').default([]),
    // Someone else than the tutor who delivers it (a coordinator) logging it: why.
    onBehalfReason: z.preprocess(
      blankToUndefined,
      z.string().trim().max(300, 'Keep the reason to 300 characters or fewer.').optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'CANCELLED' && !value.cancellationReason)
      ctx.addIssue({ code: 'custom', path: ['cancellationReason'], message: 'Choose why it was cancelled.' });
    if (value.status === 'HELD') {
      value.attendance.forEach((a, i) => {
        if (a.status === 'PARTIAL' && a.minutesAttended === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['attendance', i, 'minutesAttended'],
            message: 'Enter the minutes a late or early-leaving student attended.',
          });
      });
    }
    const ids = value.attendance.map((a) => a.studentId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'A student is listed twice.' });
  });

export type LogSessionInput = z.output<typeof logSessionSchema>;

const isoDate = isoDateSchema('date');

/** Probe scores for one student or the whole group at once, on the group's measure. */
export const recordProbesSchema = z
  .object({
    groupId: uuidSchema('group'),
    clientId: clientIdSchema,
    kind: z.enum(['PRE', 'PROGRESS', 'POST'], { error: 'Choose pre, progress or post.' }),
    administeredOn: isoDate,
    maxScore: z.preprocess(
      blankToUndefined,
      numberInput(
        z.number({ error: 'The maximum must be a number.' }).positive('The maximum must be above 0.').max(10_000),
      ).optional(),
    ),
    scores: z
      .array(
        z.object({
          studentId: uuidSchema('student'),
          score: z.preprocess(
            blankToUndefined,
            numberInput(
              z.number({ error: 'Scores are numbers.' }).min(0, 'Scores cannot be negative.').max(10_000),
            ).optional(),
          ),
        }),
      )
      .max(12),
  })
  .transform((value, ctx) => {
    const scores = value.scores.filter((s): s is { studentId: string; score: number } => s.score !== undefined);
    const ids = value.scores.map((s) => s.studentId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['scores'], message: 'A student is listed twice.' });
    if (scores.length === 0) ctx.addIssue({ code: 'custom', path: ['scores'], message: 'Enter at least one score.' });
    if (value.maxScore !== undefined && scores.some((s) => s.score > value.maxScore!))
      ctx.addIssue({ code: 'custom', path: ['scores'], message: `A score is above the maximum of ${value.maxScore}.` });
    return { ...value, scores };
  });
