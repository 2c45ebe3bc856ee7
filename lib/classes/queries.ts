// Reads of the imported classes. The callers' pages authorize the students first.
import 'server-only';
import { db } from '@/lib/db';
import { schedulesOf, type ClassRow, type ClassSchedule } from './schedule';

/** The class schedules of these students (by id), as the last roster import left them. */
export async function classSchedules(studentIds: readonly string[]): Promise<Map<string, ClassSchedule>> {
  if (studentIds.length === 0) return new Map();
  const rows = await db.$queryRaw<ClassRow[]>`
    SELECT s.id::text AS "studentId", c.title, c."classType", c.periods, c.location,
           COALESCE((SELECT array_agg(btrim(t."firstName" || ' ' || t."lastName") ORDER BY e2."primary" DESC, t."lastName", t."firstName")
                       FROM class_enrollment e2
                       JOIN staff_candidate t ON t."sourceId" = e2."userSourceId"
                      WHERE e2."classId" = c.id AND e2.role = 'teacher'), '{}') AS teachers
      FROM student s
      JOIN class_enrollment e ON e."userSourceId" = s."sourceId" AND e.role = 'student'
      JOIN roster_class c ON c.id = e."classId"
     WHERE s.id = ANY(${[...studentIds]}::uuid[])`;
  return schedulesOf(rows);
}
