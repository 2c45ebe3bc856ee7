// Inputs of the group builder's actions. Forms post strings (repeated keys for the
// weekly meetings); tests may post plain values: both parse the same way.
import { z } from 'zod';
import { blankToUndefined, numberInput } from '@/lib/actions/number-input';
import { isoDateSchema } from '@/lib/dates';
import { END_REASONS } from './labels';

const toList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

export const uuidSchema = (what: string) =>
  z.string({ error: `Choose a ${what}.` }).uuid(`That ${what} is not valid. Reload the page and choose again.`);

/** A checkbox or a boolean: "on", "true", true. */
export const confirmSchema = z
  .preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean())
  .default(false);

const gradeSchema = (what: string) =>
  numberInput(
    z
      .number({ error: `Choose the ${what}.` })
      .int(`Choose the ${what}.`)
      .min(-1, `Choose the ${what}.`)
      .max(12, `Choose the ${what}.`),
  );

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface MeetingInput {
  weekday: number;
  startMinute: number;
  plannedMinutes: number;
}

const meetingFields = {
  meetingWeekday: z.preprocess(
    toList,
    z.array(z.string().max(2), { error: 'Choose the meeting days.' }).max(7, 'At most 7 meetings a week.'),
  ),
  meetingStart: z.preprocess(
    toList,
    z.array(z.string().max(5), { error: 'Enter the start times.' }).max(7, 'At most 7 meetings a week.'),
  ),
  meetingMinutes: z.preprocess(
    toList,
    z.array(z.string().max(3), { error: 'Enter the minutes.' }).max(7, 'At most 7 meetings a week.'),
  ),
};

/** Rows of the weekly schedule, posted as parallel lists; blank rows are skipped. */
function meetingsOf(
  value: { meetingWeekday: string[]; meetingStart: string[]; meetingMinutes: string[] },
  ctx: z.RefinementCtx,
): MeetingInput[] {
  const meetings: MeetingInput[] = [];
  let rowErrors = 0;
  const rows = Math.max(value.meetingWeekday.length, value.meetingStart.length, value.meetingMinutes.length);
  for (let i = 0; i < rows; i++) {
    const weekday = value.meetingWeekday[i]?.trim() ?? '';
    const start = value.meetingStart[i]?.trim() ?? '';
    const minutes = value.meetingMinutes[i]?.trim() ?? '';
    if (weekday === '' && start === '') continue;
    const day = Number(weekday);
    const time = TIME.exec(start);
    const planned = minutes === '' ? 30 : Number(minutes);
    const problem =
      !Number.isInteger(day) || day < 1 || day > 7
        ? `Meeting ${i + 1}: choose a weekday.`
        : !time
          ? `Meeting ${i + 1}: enter a start time like 14:30.`
          : !Number.isInteger(planned) || planned < 10 || planned > 120
            ? `Meeting ${i + 1}: minutes must be between 10 and 120.`
            : null;
    if (problem || !time) {
      rowErrors++;
      ctx.addIssue({ code: 'custom', path: ['meetings'], message: problem ?? `Meeting ${i + 1} is not complete.` });
    } else
      meetings.push({ weekday: day, startMinute: Number(time[1]) * 60 + Number(time[2]), plannedMinutes: planned });
  }
  if (meetings.length === 0 && rowErrors === 0)
    ctx.addIssue({ code: 'custom', path: ['meetings'], message: 'Add at least one weekly meeting.' });
  const keys = new Set(meetings.map((m) => `${m.weekday}-${m.startMinute}`));
  if (keys.size !== meetings.length)
    ctx.addIssue({ code: 'custom', path: ['meetings'], message: 'Two meetings are on the same day at the same time.' });
  return meetings;
}

/** What describes a group and may change later (the subject, site and cycle do not). */
const groupDetailFields = {
  name: z
    .string({ error: 'Name the group.' })
    .trim()
    .min(1, 'Name the group.')
    .max(80, 'Keep the name to 80 characters or fewer.'),
  gradeMin: gradeSchema('lowest grade'),
  gradeMax: gradeSchema('highest grade'),
  targetSkill: z
    .string({ error: 'Name the skill the group works on.' })
    .trim()
    .min(1, 'Name the skill the group works on.')
    .max(200, 'Keep the skill to 200 characters or fewer.'),
  /** A measure's name on the district's list (the action checks it is there, in the group's subject). */
  probeMeasure: z
    .string({ error: 'Choose a probe measure.' })
    .trim()
    .min(1, 'Choose a probe measure from the list.')
    .max(120, 'Choose a probe measure from the list.'),
  modality: z.enum(['IN_SCHOOL_PULL_OUT', 'PUSH_IN', 'AFTER_SCHOOL', 'VIRTUAL'], {
    error: 'Choose how the group meets.',
  }),
  room: z.preprocess(
    blankToUndefined,
    z.string().trim().max(40, 'Keep the room to 40 characters or fewer.').optional(),
  ),
  startDate: isoDateSchema('start date'),
  endDate: isoDateSchema('end date'),
  confirm: confirmSchema,
  ...meetingFields,
};

function withMeetings<
  T extends {
    gradeMin: number;
    gradeMax: number;
    startDate: string;
    endDate: string;
    meetingWeekday: string[];
    meetingStart: string[];
    meetingMinutes: string[];
  },
>({ meetingWeekday, meetingStart, meetingMinutes, ...value }: T, ctx: z.RefinementCtx) {
  if (value.gradeMax < value.gradeMin)
    ctx.addIssue({ code: 'custom', path: ['gradeMax'], message: 'The highest grade cannot be below the lowest.' });
  if (value.endDate < value.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date cannot be before the start date.' });
  return { ...value, meetings: meetingsOf({ meetingWeekday, meetingStart, meetingMinutes }, ctx) };
}

export const createGroupSchema = z
  .object({
    siteId: uuidSchema('site'),
    cycleId: uuidSchema('cycle'),
    tutorId: uuidSchema('tutor'),
    subject: z.enum(['MATH', 'ELA'], { error: 'Choose Math or ELA.' }),
    ...groupDetailFields,
  })
  .transform(withMeetings);

/** Editing a group: its details and weekly schedule (the tutor changes through reassignment). */
export const updateGroupSchema = z
  .object({ groupId: uuidSchema('group'), ...groupDetailFields })
  .transform(withMeetings);

export type CreateGroupInput = z.output<typeof createGroupSchema>;
export type UpdateGroupInput = z.output<typeof updateGroupSchema>;

export const placeStudentSchema = z.object({
  groupId: uuidSchema('group'),
  studentId: uuidSchema('student'),
  startDate: isoDateSchema('first day in the group'),
  goalScore: z.preprocess(
    blankToUndefined,
    numberInput(
      z
        .number({ error: 'The goal must be a number.' })
        .min(0, 'The goal cannot be negative.')
        .max(100_000, 'That goal is too large.'),
    ).optional(),
  ),
  confirm: confirmSchema,
});

export const endPlacementSchema = z.object({
  groupId: uuidSchema('group'),
  membershipId: uuidSchema('placement'),
  endDate: isoDateSchema('last day in the group'),
  reason: z.enum(END_REASONS, { error: 'Choose why the student is leaving.' }),
});

export const movePlacementSchema = z.object({
  groupId: uuidSchema('group'),
  membershipId: uuidSchema('placement'),
  toGroupId: uuidSchema('group to move to'),
  startDate: isoDateSchema('first day in the new group'),
  confirm: confirmSchema,
});

export const assignSubstituteSchema = z
  .object({
    groupId: uuidSchema('group'),
    /** Blank clears the substitute: the primary tutor teaches again. */
    tutorId: z.preprocess(blankToUndefined, uuidSchema('substitute').optional()),
    fromDate: isoDateSchema('first date'),
    /** Blank: the first date only (one day's cover, the usual case). */
    toDate: z.preprocess(blankToUndefined, isoDateSchema('last date').optional()),
    confirm: confirmSchema,
  })
  .transform((value) => ({ ...value, toDate: value.toDate ?? value.fromDate }))
  .superRefine((value, ctx) => {
    if (value.toDate < value.fromDate)
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'The last date cannot be before the first.' });
    const days = (Date.parse(value.toDate) - Date.parse(value.fromDate)) / 86_400_000;
    if (days > 190)
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'Cover at most about half a year at once.' });
  });

export const reassignTutorSchema = z.object({
  groupId: uuidSchema('group'),
  tutorId: uuidSchema('tutor'),
  confirm: confirmSchema,
});

/** A suggested group accepted as it stands (or after edits): the group's fields plus its students. */
export const acceptSuggestionSchema = z
  .object({
    studentIds: z.preprocess(
      toList,
      z
        .array(uuidSchema('student'), { error: 'Choose the students.' })
        .min(1, 'Choose at least one student.')
        .max(8, 'Too many students.'),
    ),
  })
  .catchall(z.unknown())
  .transform((value, ctx) => {
    const { studentIds, ...rest } = value;
    const group = createGroupSchema.safeParse(rest);
    if (!group.success) {
      for (const issue of group.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { ...group.data, studentIds: [...new Set(studentIds)] };
  });

/** A tutor out for a day (the usual case: "To" blank) or longer. */
export const removeAbsenceSchema = z.object({
  siteId: uuidSchema('site'),
  absenceId: uuidSchema('absence'),
});

export const recordAbsenceSchema = z
  .object({
    siteId: uuidSchema('site'),
    tutorId: uuidSchema('tutor'),
    kind: z.enum(['ABSENT', 'LEAVE'], { error: 'Choose absent or on leave.' }),
    startDate: isoDateSchema('first day out'),
    endDate: z.preprocess(blankToUndefined, isoDateSchema('last day out').optional()),
    note: z.preprocess(
      blankToUndefined,
      z.string().trim().max(300, 'Keep the note to 300 characters or fewer.').optional(),
    ),
  })
  .transform((value) => ({ ...value, endDate: value.endDate ?? value.startDate }))
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The last day cannot be before the first.' });
    if ((Date.parse(value.endDate) - Date.parse(value.startDate)) / 86_400_000 > 370)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Record at most a year at once.' });
  });
