// The choices a coordinator's group forms offer: the site's tutors and the cycles.
import 'server-only';
import { db } from '@/lib/db';
import { toIsoDate } from '@/lib/sessions/schedule';

/** Tutors who may teach at a site (tutor role, active, assigned to the site). */
export async function siteTutorOptions(siteId: string) {
  const tutors = await db.user.findMany({
    where: { role: 'TUTOR', active: true, sites: { some: { siteId } }, tutorProfile: { isNot: null } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      tutorProfile: {
        select: { subjects: true, gradeMin: true, gradeMax: true, capacityGroups: true, capacityMinutesPerWeek: true },
      },
    },
  });
  return tutors.map((t) => ({ id: t.id, name: t.name, ...t.tutorProfile! }));
}

export async function cycleOptions() {
  const cycles = await db.cycle.findMany({
    orderBy: { startDate: 'desc' },
    select: { id: true, name: true, startDate: true, endDate: true },
  });
  return cycles.map((c) => ({
    id: c.id,
    name: c.name,
    startDate: toIsoDate(c.startDate),
    endDate: toIsoDate(c.endDate),
  }));
}
