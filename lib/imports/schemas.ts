// Inputs of the import actions and the upload route.
import { z } from 'zod';

export const batchRefSchema = z.object({
  batchId: z.string({ error: 'Choose an import.' }).uuid('That import is not valid. Reload the page and try again.'),
});

export const applyBatchSchema = batchRefSchema.extend({
  /** The person read how many students a full file withdraws from a site, and confirms it. */
  confirmWithdrawals: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
  /** Apply the rows without errors and leave the ones with errors out (they stay listed). */
  skipInvalid: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
});

export const uploadFieldsSchema = z.object({
  kind: z.enum(['oneroster', 'supports'], {
    error: 'Choose what the files are: a OneRoster roster or a supports CSV.',
  }),
  siteId: z.string().uuid('That site is not valid. Reload the page.').nullable(),
});
