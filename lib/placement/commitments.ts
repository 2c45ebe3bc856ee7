// Students' and tutors' current placements as commitments the placement rules
// (./rules.ts) check a new placement or schedule against.
import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';
import type { IsoDate } from '@/lib/dates';
import type { Commitment } from './rules';
import { currentOn, meetingSelect } from './groups';

/** A student's current placements as commitments the rules can check against. */
export async function studentCommitments(
  tx: Prisma.TransactionClient | typeof db,
  studentId: string,
  from: IsoDate,
): Promise<Commitment[]> {
  const memberships = await tx.membership.findMany({
    where: { studentId, ...currentOn(from) },
    select: {
      startDate: true,
      endDate: true,
      group: { select: { id: true, name: true, subject: true, meetings: { select: meetingSelect } } },
    },
  });
  return memberships.map((m) => ({
    groupId: m.group.id,
    groupName: m.group.name,
    subject: m.group.subject,
    meetings: m.group.meetings,
    startDate: toIsoDate(m.startDate),
    endDate: m.endDate ? toIsoDate(m.endDate) : null,
  }));
}

/** A tutor's active groups that have not ended by `from`. */
export async function tutorCommitments(
  tx: Prisma.TransactionClient | typeof db,
  tutorId: string,
  from: IsoDate,
): Promise<Commitment[]> {
  const groups = await tx.group.findMany({
    where: { primaryTutorId: tutorId, status: 'ACTIVE', endDate: { gte: fromIsoDate(from) } },
    select: {
      id: true,
      name: true,
      subject: true,
      startDate: true,
      endDate: true,
      meetings: { select: meetingSelect },
    },
  });
  return groups.map((g) => ({
    groupId: g.id,
    groupName: g.name,
    subject: g.subject,
    meetings: g.meetings,
    startDate: toIsoDate(g.startDate),
    endDate: toIsoDate(g.endDate),
  }));
}

/** Current placements of many students at once, for the rules' verdicts on a page. */
export async function commitmentsFor(studentIds: string[], from: IsoDate): Promise<Map<string, Commitment[]>> {
  const memberships = await db.membership.findMany({
    where: { studentId: { in: studentIds }, ...currentOn(from) },
    select: {
      studentId: true,
      startDate: true,
      endDate: true,
      group: { select: { id: true, name: true, subject: true, meetings: { select: meetingSelect } } },
    },
  });
  const byStudent = new Map<string, Commitment[]>();
  for (const m of memberships) {
    const list = byStudent.get(m.studentId) ?? [];
    list.push({
      groupId: m.group.id,
      groupName: m.group.name,
      subject: m.group.subject,
      meetings: m.group.meetings,
      startDate: toIsoDate(m.startDate),
      endDate: m.endDate ? toIsoDate(m.endDate) : null,
    });
    byStudent.set(m.studentId, list);
  }
  return byStudent;
}
