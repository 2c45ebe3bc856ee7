// Inputs of the import actions and the upload route.
import { z } from 'zod';

export const batchRefSchema = z.object({
  batchId: z.string({ error: 'Choose an import.' }).uuid('That import is not valid. Reload the page and try again.'),
});

export const uploadFieldsSchema = z.object({
  kind: z.enum(['oneroster', 'supports'], {
    error: 'Choose what the files are: a OneRoster roster or a supports CSV.',
  }),
  siteId: z.string().uuid('That site is not valid. Reload the page.').nullable(),
});
