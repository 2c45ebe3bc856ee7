// Inputs of the measure list's actions. Forms post strings; tests may post values.
import { z } from 'zod';
import { blankToUndefined, numberInput } from '@/lib/actions/number-input';
import { uuidSchema } from '@/lib/placement/schemas';
import { measureName } from './names';

/** Scores are kept as numeric(8,2): up to 999,999.99. */
const score = (what: string, min: 'positive' | 'zero') =>
  z.preprocess(
    blankToUndefined,
    numberInput(
      (min === 'positive'
        ? z.number({ error: `The ${what} must be a number.` }).positive(`The ${what} must be above 0.`)
        : z.number({ error: `The ${what} must be a number.` }).min(0, `The ${what} cannot be negative.`)
      )
        .max(100_000, `The ${what} must be 100,000 or less.`)
        .refine((n) => Number.isInteger(n * 100), `Give the ${what} to at most two decimal places.`),
    ).optional(),
  );

const measureFields = {
  name: z
    .string({ error: 'Name the measure.' })
    .transform(measureName)
    .pipe(
      z
        .string()
        .min(1, 'Name the measure.')
        .max(120, 'Keep the name to 120 characters or fewer.')
        .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'The name cannot hold control characters.'),
    ),
  subject: z.enum(['MATH', 'ELA'], { error: 'Choose the subject.' }),
  maxScore: score('maximum score', 'positive'),
  direction: z.enum(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'], { error: 'Choose which way is better.' }),
  benchmark: score('benchmark', 'zero'),
};

function scoresAgree<T extends { maxScore?: number; benchmark?: number }>(value: T, ctx: z.RefinementCtx) {
  if (value.maxScore !== undefined && value.benchmark !== undefined && value.benchmark > value.maxScore)
    ctx.addIssue({
      code: 'custom',
      path: ['benchmark'],
      message: `The benchmark cannot be above the maximum score (${value.maxScore}).`,
    });
}

export const createMeasureSchema = z.object(measureFields).superRefine(scoresAgree);

export const updateMeasureSchema = z
  .object({
    measureId: uuidSchema('measure'),
    ...measureFields,
    active: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  })
  .superRefine(scoresAgree);

export const mergeMeasureSchema = z
  .object({
    measureId: uuidSchema('measure'),
    intoId: uuidSchema('measure to merge into'),
  })
  .refine((v) => v.measureId !== v.intoId, { path: ['intoId'], message: 'Choose another measure to merge into.' });

export type CreateMeasureInput = z.output<typeof createMeasureSchema>;
export type UpdateMeasureInput = z.output<typeof updateMeasureSchema>;
