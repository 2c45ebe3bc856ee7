// The choices a coordinator's group forms offer: the site's tutors and the cycles.
import 'server-only';
import { db } from '@/lib/db';
import { toIsoDate } from '@/lib/sessions/schedule';
import { districtToday } from '@/lib/settings/district';

/** Tutors who may teach at a site (tutor role, active, assigned to the site, cleared today). */
export async function siteTutorOptions(siteId: string) {
  const today = new Date(`${await districtToday(db)}T00:00:00Z`);
  const tutors = await db.user.findMany({
    // Only tutors who may teach today: a pending or lapsed clearance is refused by the rules anyway.
    where: {
      role: 'TUTOR',
      active: true,
      sites: { some: { siteId } },
      tutorProfile: {
        credentialStatus: { notIn: ['PENDING', 'EXPIRED'] },
        OR: [{ credentialExpiresOn: null }, { credentialExpiresOn: { gte: today } }],
      },
    },
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
