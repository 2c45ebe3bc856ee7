// District settings input. Bounds come from SETTINGS_NUMBER_FIELDS, which match
// the database's CHECK constraint, so a value the form accepts the database accepts.
import { z } from 'zod';
import { numberInput } from '@/lib/actions/number-input';
import { SETTINGS_NUMBER_FIELDS, type SettingsNumberField, type SettingsNumberName } from './fields';
import { canonicalTimeZone } from './time-zone';

function wholeNumber(field: SettingsNumberField) {
  const message = `Enter a whole number from ${field.min} to ${field.max}.`;
  return numberInput(z.number({ error: message }).int(message).min(field.min, message).max(field.max, message));
}

const numberShape = Object.fromEntries(
  SETTINGS_NUMBER_FIELDS.map((field) => [field.name, wholeNumber(field)]),
) as Record<SettingsNumberName, ReturnType<typeof wholeNumber>>;

export const settingsSchema = z.object({
  districtName: z
    .string({ error: 'Enter the district name.' })
    .trim()
    .min(1, 'Enter the district name.')
    .max(120, 'Keep the district name to 120 characters or fewer.'),
  timeZone: z
    .string({ error: 'Choose a time zone.' })
    .trim()
    .min(1, 'Choose a time zone.')
    .max(64, 'Choose a time zone from the list.')
    .transform((value, ctx) => {
      const zone = canonicalTimeZone(value);
      if (!zone) {
        ctx.addIssue({ code: 'custom', message: 'Choose a time zone from the list, like America/Chicago.' });
        return z.NEVER;
      }
      return zone;
    }),
  ...numberShape,
  /** When the form was loaded: a save over someone else's newer change is refused. */
  loadedUpdatedAt: z.preprocess((v) => (v === '' ? undefined : v), z.iso.datetime().optional()),
});

export type SettingsInput = z.output<typeof settingsSchema>;
