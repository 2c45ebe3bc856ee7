// The students page's filters: read from the address (a GET form), so a filtered
// list can be bookmarked and shared. Unknown values are ignored, never an error.
import { z } from 'zod';
import { numberInput } from '@/lib/actions/number-input';
import type { StudentRow } from './students';
import type { SubjectCode } from './priority';

export const SUBGROUPS = {
  ml: 'Multilingual learner',
  iep: 'IEP',
  '504': '504',
  ed: 'Econ. disadvantaged',
  foster: 'Foster',
  homeless: 'Homeless',
} as const;

const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const studentFilterSchema = z.object({
  q: loose(z.string().trim().max(100)),
  grade: loose(numberInput(z.number().int().min(-1).max(12))),
  need: loose(z.enum(['MATH', 'ELA'])),
  eligibility: loose(z.enum(['eligible', 'not-eligible'])),
  placement: loose(z.enum(['placed', 'unplaced'])),
  flag: loose(z.enum(['any', 'absences', 'low_dose', 'no_probe', 'below_aim'])),
  subgroup: loose(z.enum(Object.keys(SUBGROUPS) as [keyof typeof SUBGROUPS, ...(keyof typeof SUBGROUPS)[]])),
});

export type StudentFilter = z.output<typeof studentFilterSchema>;

export function parseStudentFilter(params: Record<string, string | string[] | undefined>): StudentFilter {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return studentFilterSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, first(v)])));
}

const SUBJECT_LIST: SubjectCode[] = ['MATH', 'ELA'];

export function applyStudentFilter(rows: readonly StudentRow[], filter: StudentFilter): StudentRow[] {
  const q = filter.q?.toLowerCase();
  const subjects = filter.need ? [filter.need] : SUBJECT_LIST;
  return rows.filter((row) => {
    if (
      q &&
      !`${row.firstName} ${row.lastName} ${row.lastName}, ${row.firstName} ${row.sisId}`.toLowerCase().includes(q)
    )
      return false;
    if (filter.grade !== undefined && row.grade !== filter.grade) return false;
    if (filter.need && !row.standings[filter.need].eligible) return false;
    if (filter.eligibility === 'eligible' && !subjects.some((s) => row.standings[s].eligible)) return false;
    if (filter.eligibility === 'not-eligible' && subjects.some((s) => row.standings[s].eligible)) return false;
    if (filter.placement === 'placed' && !subjects.some((s) => row.standings[s].placement)) return false;
    // Unplaced: eligible somewhere and waiting there (the students a coordinator acts on).
    if (
      filter.placement === 'unplaced' &&
      !subjects.some((s) => row.standings[s].eligible && !row.standings[s].placement)
    )
      return false;
    if (filter.subgroup && !row.supports.includes(SUBGROUPS[filter.subgroup])) return false;
    if (filter.flag === 'any' && row.flags.length === 0) return false;
    if (filter.flag && filter.flag !== 'any' && !row.flags.some((f) => f.kind === filter.flag)) return false;
    return true;
  });
}
