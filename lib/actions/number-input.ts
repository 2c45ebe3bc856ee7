// Numbers as forms send them (a decimal string) or as JSON sends them (a number).
// Not z.coerce: that turns true into 1, null and '' into 0, and '0x10' into 16.
import { z } from 'zod';

const DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/;

/** `schema` (a z.number() chain) fed a decimal string as its number; any other non-number is refused. */
export function numberInput<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : value),
    schema,
  );
}

/** A form's blank field (or null) as "not given", for optional inputs: z.preprocess(blankToUndefined, …). */
export const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
