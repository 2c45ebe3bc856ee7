// The per-student export's form: what it accepts (zod, shared by the page and the
// download route) and what the page shows after the route sent a bad form back. Pure.
import { z } from 'zod';
import { isoDateSchema } from '@/lib/dates';

export const STUDENT_EXPORT_COLUMNS = [
  'student_sis_id',
  'site_code',
  'subject',
  'group_id',
  'dose_scheduled_minutes',
  'dose_delivered_minutes',
  'sessions_scheduled',
  'sessions_attended',
  'latest_score',
  'goal',
  'met_goal',
] as const;

/** The longest window one download covers (a school year and a little). */
export const MAX_EXPORT_DAYS = 400;

const isoDate = isoDateSchema();
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const studentExportQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    site: z.preprocess(blankToUndefined, z.uuid({ error: 'Choose a site from the list.' }).optional()),
    subject: z.preprocess(blankToUndefined, z.enum(['MATH', 'ELA'], { error: 'Choose Math or ELA.' }).optional()),
  })
  .refine((q) => q.from <= q.to, { message: 'The range ends before it starts.', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= MAX_EXPORT_DAYS, {
    message: `Choose at most ${MAX_EXPORT_DAYS} days.`,
    path: ['to'],
  });

export type StudentExportQuery = z.output<typeof studentExportQuerySchema>;

export interface ExportFormState {
  values: { from: string; to: string; site: string; subject: string };
  errors: Record<string, string[]>;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** The form's values (from the address, else the defaults) and, when sent back as invalid, why. */
export function exportFormState(
  params: SearchParams,
  defaults: { from: string; to: string; site?: string },
): ExportFormState {
  const values = {
    from: first(params.from) || defaults.from,
    to: first(params.to) || defaults.to,
    site: defaults.site ?? first(params.site),
    subject: first(params.subject),
  };
  const errors: Record<string, string[]> = {};
  if (first(params.invalid)) {
    const parsed = studentExportQuerySchema.safeParse(values);
    if (!parsed.success)
      for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  }
  return { values, errors };
}
