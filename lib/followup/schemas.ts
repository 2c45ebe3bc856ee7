import { z } from 'zod';
import { blankToUndefined } from '@/lib/actions/number-input';
import { isoDateSchema } from '@/lib/dates';
import { uuidSchema } from '@/lib/placement/schemas';
import { FOLLOW_UP_ACTIONS, FOLLOW_UP_FLAGS } from './labels';

export const recordFollowUpSchema = z
  .object({
    siteId: uuidSchema('site'),
    studentId: z.preprocess(blankToUndefined, uuidSchema('student').optional()),
    groupId: z.preprocess(blankToUndefined, uuidSchema('group').optional()),
    flag: z.enum(FOLLOW_UP_FLAGS, { error: 'Say which flag this follows up.' }),
    action: z.enum(FOLLOW_UP_ACTIONS, { error: 'Choose what was done.' }),
    note: z.preprocess(
      blankToUndefined,
      z.string().trim().max(1000, 'Keep the note to 1,000 characters or fewer.').optional(),
    ),
  })
  .refine((v) => v.studentId || v.groupId, { path: ['studentId'], message: 'Name the student or the group.' });

export const scheduleMakeupSchema = z.object({
  sessionId: uuidSchema('session'),
  date: isoDateSchema('make-up date'),
  startTime: z
    .string({ error: 'Enter a start time.' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a start time like 14:30.'),
});
