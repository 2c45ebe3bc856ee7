// Free seats in a site's existing groups that fit students on its waitlists (grade band,
// free at the group's times), by priority: what the coordinator fills before making a
// new group (the suggested groups page and the to-do queue both read it).
import 'server-only';
import { commitmentsFor } from './commitments';
import { siteGroups, type GroupSummary } from './groups';
import { SUBJECTS, type Policy } from './policy';
import type { SubjectCode } from './priority';
import { siteStudents, waitlistOf, type StudentRow } from './students';
import { fitOpenSeats, type SeatFit, type SuggestStudent } from './suggest';

export type SeatFits = Record<SubjectCode, SeatFit[]>;

/** A waitlisted student as the group suggestions and seat fitting take them. */
export function suggestStudentsOf(
  waiting: readonly StudentRow[],
  subject: SubjectCode,
  commitments: ReadonlyMap<string, SuggestStudent['commitments']>,
): SuggestStudent[] {
  return waiting.map((r) => ({
    id: r.id,
    name: `${r.firstName} ${r.lastName}`,
    grade: r.grade,
    percentile: r.standings[subject].screener!.percentile,
    rank: r.standings[subject].rank!,
    commitments: commitments.get(r.id) ?? [],
  }));
}

export async function siteSeatFits(
  siteId: string,
  policy: Policy,
  read: { rows?: StudentRow[]; groups?: GroupSummary[] } = {},
): Promise<SeatFits> {
  const [rows, groups] = await Promise.all([
    read.rows ?? siteStudents(siteId, policy),
    read.groups ?? siteGroups(siteId, policy),
  ]);
  const waiting = Object.fromEntries(SUBJECTS.map((s) => [s, waitlistOf(rows, s)])) as Record<
    SubjectCode,
    StudentRow[]
  >;
  const ids = [...new Set(SUBJECTS.flatMap((s) => waiting[s].map((r) => r.id)))];
  const commitments = ids.length ? await commitmentsFor(ids, policy.today) : new Map();
  return Object.fromEntries(
    SUBJECTS.map((subject) => [
      subject,
      fitOpenSeats({
        groups: groups.filter((g) => g.subject === subject),
        students: suggestStudentsOf(waiting[subject], subject, commitments),
        maxGroupSize: policy.maxGroupSize,
        from: policy.today,
      }),
    ]),
  ) as SeatFits;
}
