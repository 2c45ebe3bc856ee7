import { z } from 'zod';
import { blankToUndefined } from '@/lib/actions/number-input';
import { isoDateSchema } from '@/lib/dates';
import { uuidSchema } from '@/lib/placement/schemas';
import { NO_SCHOOL_KINDS } from './labels';

const cycleFields = {
  name: z
    .string({ error: 'Name the cycle.' })
    .trim()
    .min(1, 'Name the cycle.')
    .max(60, 'Keep the name to 60 characters or fewer.'),
  startDate: isoDateSchema('start date'),
  endDate: isoDateSchema('end date'),
};

function checkCycleDates(value: { startDate: string; endDate: string }, ctx: z.RefinementCtx) {
  if (value.endDate <= value.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be after the start date.' });
  if (Date.parse(value.endDate) - Date.parse(value.startDate) > 400 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'A cycle lasts at most about a school year.' });
}

export const cycleSchema = z.object(cycleFields).superRefine(checkCycleDates);

export const updateCycleSchema = z
  .object({ cycleId: uuidSchema('cycle'), ...cycleFields })
  .superRefine(checkCycleDates);

export const deleteCycleSchema = z.object({ cycleId: uuidSchema('cycle') });

export const addNoSchoolSchema = z
  .object({
    startDate: isoDateSchema('first day off'),
    endDate: z.preprocess(blankToUndefined, isoDateSchema('last day off').optional()),
    name: z
      .string({ error: 'Name the day (e.g. Thanksgiving).' })
      .trim()
      .min(1, 'Name the day (e.g. Thanksgiving).')
      .max(80, 'Keep the name to 80 characters or fewer.'),
    kind: z.enum(NO_SCHOOL_KINDS, { error: 'Choose what kind of day it is.' }),
    /** Blank: every site. */
    siteId: z.preprocess(blankToUndefined, uuidSchema('site').optional()),
  })
  .superRefine((value, ctx) => {
    if (value.endDate && value.endDate < value.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The last day cannot be before the first.' });
    if (value.endDate && Date.parse(value.endDate) - Date.parse(value.startDate) > 30 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Add at most 31 days at once.' });
  });

export const removeNoSchoolSchema = z.object({ noSchoolDayId: uuidSchema('day') });
