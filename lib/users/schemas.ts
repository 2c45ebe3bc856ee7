// Inputs of the user and tutor actions. Forms post strings (and repeated keys for
// checkboxes); tests and scripts may post plain values: both parse the same way.
import { z } from 'zod';
import { isUuid } from '@/lib/codes';
import { blankToUndefined, numberInput } from '@/lib/actions/number-input';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import type { Role } from '@/lib/generated/prisma/enums';
import {
  CAPACITY_GROUPS_MAX,
  CREDENTIAL_STATUSES,
  GRADE_MAX,
  GRADE_MIN,
  HOURLY_COST_MAX_DOLLARS,
  ROLES,
  SUBJECTS,
  isSiteRole,
  type CredentialStatusCode,
  type SubjectCode,
} from './options';

const toList = (value: unknown) =>
  value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
const unique = <T>(values: T[]) => [...new Set(values)];
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const personNameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(120, 'Keep the name to 120 characters or fewer.');

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address.')
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@district.org.' }));

export const roleSchema = z.enum(ROLES, { error: 'Choose one of the four roles.' });

// Errors on a list belong to the list (one checkbox group), not to "siteIds.3".
const siteIdsSchema = z
  .preprocess(
    toList,
    z.array(z.string(), { error: 'Choose sites from the list.' }).max(100, 'Choose at most 100 sites.'),
  )
  .refine((ids) => ids.every(isUuid), 'One of the chosen sites is not a valid site. Reload the page and choose again.')
  .transform(unique)
  .default([]);

const gradeSchema = numberInput(
  z
    .number({ error: 'Choose a grade.' })
    .int('Choose a grade.')
    .min(GRADE_MIN, 'Choose a grade from PK to 12.')
    .max(GRADE_MAX, 'Choose a grade from PK to 12.'),
);

// Dollars as typed ("32" or "32.50"), stored as whole cents.
const hourlyCostSchema = z
  .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim())
  .pipe(z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, 'Enter the hourly cost in dollars, like 32.50.'))
  .transform((dollars) => Math.round(Number(dollars) * 100))
  .refine(
    (cents) => cents <= HOURLY_COST_MAX_DOLLARS * 100,
    `Enter an hourly cost of at most $${HOURLY_COST_MAX_DOLLARS}.`,
  );

/** Tutor profile fields: each checked for form here; required-ness is checked per role below. */
const tutorProfileFields = {
  providerId: optional(z.uuid({ error: 'Choose a provider from the list.' })),
  subjects: z
    .preprocess(toList, z.array(z.string(), { error: 'Choose Math, ELA or both.' }))
    .refine((values) => values.every((v) => (SUBJECTS as readonly string[]).includes(v)), 'Choose Math, ELA or both.')
    .transform((values) => unique(values as SubjectCode[]))
    .default([]),
  gradeMin: optional(gradeSchema),
  gradeMax: optional(gradeSchema),
  capacityGroups: optional(
    numberInput(
      z
        .number({ error: 'Enter a whole number of groups.' })
        .int('Enter a whole number of groups.')
        .min(1, 'Capacity is at least 1 group a week.')
        .max(CAPACITY_GROUPS_MAX, `Capacity is at most ${CAPACITY_GROUPS_MAX} groups a week.`),
    ),
  ),
  hourlyCost: optional(hourlyCostSchema),
  credentialStatus: optional(z.enum(CREDENTIAL_STATUSES, { error: 'Choose a credential status from the list.' })),
};

export interface TutorProfileInput {
  providerId: string;
  subjects: SubjectCode[];
  gradeMin: number;
  gradeMax: number;
  capacityGroups: number | null;
  hourlyCostCents: number | null;
  credentialStatus: CredentialStatusCode;
}

type TutorProfileRaw = {
  providerId?: string;
  subjects: SubjectCode[];
  gradeMin?: number;
  gradeMax?: number;
  capacityGroups?: number;
  /** Already in cents (see hourlyCostSchema). */
  hourlyCost?: number;
  credentialStatus?: CredentialStatusCode;
};

export interface AccountInput {
  name: string;
  email: string;
  role: Role;
  siteIds: string[];
  /** Present exactly when the role is TUTOR. */
  tutorProfile: TutorProfileInput | null;
}

/**
 * What a role needs: sites for coordinators and tutors, none for district roles, a
 * profile for tutors. A refinement runs even when other fields failed, so the form
 * shows every problem at once; values may then be unparsed, hence the loose checks.
 */
function checkRoleNeeds(data: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const role = data.role as Role;
  if (!(ROLES as readonly string[]).includes(role)) return;
  const siteCount = Array.isArray(data.siteIds) ? data.siteIds.length : 0;
  if (isSiteRole(role) && siteCount === 0)
    issue('siteIds', 'Choose at least one site: coordinators and tutors work only at the sites they are given.');
  if (!isSiteRole(role) && siteCount > 0)
    issue('siteIds', 'District admins and leaders cover every site: leave the sites unticked.');
  if (role !== 'TUTOR') return;
  if (data.providerId === undefined) issue('providerId', 'Choose the organization the tutor works for.');
  if (Array.isArray(data.subjects) && data.subjects.length === 0) issue('subjects', 'Choose at least one subject.');
  if (data.gradeMin === undefined) issue('gradeMin', 'Choose the lowest grade the tutor works with.');
  if (data.gradeMax === undefined) issue('gradeMax', 'Choose the highest grade the tutor works with.');
  if (typeof data.gradeMin === 'number' && typeof data.gradeMax === 'number' && data.gradeMax < data.gradeMin) {
    issue('gradeMax', 'The highest grade cannot be below the lowest grade.');
  }
}

// zod skips refinements after some field errors (a number that is not one); run anyway, on any object.
const evenAfterFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/** Runs only after checkRoleNeeds passed, so a tutor's required fields are present. */
function toAccount(
  data: { name: string; email: string; role: Role; siteIds: string[] } & TutorProfileRaw,
): AccountInput {
  const tutorProfile: TutorProfileInput | null =
    data.role === 'TUTOR'
      ? {
          providerId: data.providerId!,
          subjects: data.subjects,
          gradeMin: data.gradeMin!,
          gradeMax: data.gradeMax!,
          capacityGroups: data.capacityGroups ?? null,
          hourlyCostCents: data.hourlyCost ?? null,
          credentialStatus: data.credentialStatus ?? 'PENDING',
        }
      : null;
  return { name: data.name, email: data.email, role: data.role, siteIds: data.siteIds, tutorProfile };
}

export const createUserSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    role: roleSchema,
    siteIds: siteIdsSchema,
    ...tutorProfileFields,
  })
  .superRefine((data, ctx) => checkRoleNeeds(data, ctx), evenAfterFieldErrors)
  .transform(toAccount);

const userIdSchema = z.uuid({ error: 'That user does not exist.' });

/** Email is not editable: it is how the person signs in (and how single sign-on finds them). */
export const updateUserSchema = z
  .object({
    userId: userIdSchema,
    name: personNameSchema,
    role: roleSchema,
    siteIds: siteIdsSchema,
    ...tutorProfileFields,
  })
  .superRefine((data, ctx) => checkRoleNeeds(data, ctx), evenAfterFieldErrors)
  .transform((data) => {
    const { name, role, siteIds, tutorProfile } = toAccount({ ...data, email: '' });
    return { userId: data.userId, name, role, siteIds, tutorProfile };
  });

export const userRefSchema = z.object({ userId: userIdSchema });

/** A coordinator adds a tutor: role and site come from the page, never from the form. */
export const addSiteTutorSchema = z
  .object({
    siteId: z.uuid({ error: 'That site does not exist.' }),
    name: personNameSchema,
    email: emailSchema,
    ...tutorProfileFields,
  })
  .superRefine(
    (data, ctx) => checkRoleNeeds({ ...data, role: 'TUTOR', siteIds: [data.siteId] }, ctx),
    evenAfterFieldErrors,
  )
  .transform((data) => ({ ...toAccount({ ...data, role: 'TUTOR', siteIds: [data.siteId] }), siteId: data.siteId }));

export const INVALID_LINK_MESSAGE =
  'This link does not work any more: it may have been used already, or it has expired. Ask your district administrator for a new one.';

/** 32 random bytes in base64url are 43 characters. */
export const passwordTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, INVALID_LINK_MESSAGE);

export const setPasswordSchema = z
  .object({
    token: passwordTokenSchema,
    password: z
      .string({ error: 'Enter a password.' })
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
    confirmPassword: z.string({ error: 'Type the password again.' }),
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  });

const listText = z.string().trim().min(1).max(100);

/** The user list's filters, from the URL; a bad value is dropped, not an error page. */
export const userListFilterSchema = z.object({
  role: roleSchema.optional().catch(undefined),
  status: z.enum(['active', 'deactivated']).optional().catch(undefined),
  q: listText.optional().catch(undefined),
  page: numberInput(z.number().int().min(1).max(10_000)).optional().catch(undefined),
});
export type UserListFilter = z.output<typeof userListFilterSchema>;
