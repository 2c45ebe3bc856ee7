// Minimal records for integration tests, built through Prisma.
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { measureKey } from '../../lib/measures/names';

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let counter = 0;
const next = () => ++counter;

export async function makeSite(db: PrismaClient) {
  const n = next();
  return db.site.create({ data: { code: `T-${n}`, name: `Test School ${n}`, gradeMin: 0, gradeMax: 5 } });
}

export async function makeCycle(db: PrismaClient, startDate = '2026-09-08', endDate = '2026-12-18') {
  return db.cycle.create({ data: { name: `Cycle ${next()}`, startDate: day(startDate), endDate: day(endDate) } });
}

export async function makeTutor(db: PrismaClient) {
  const n = next();
  return db.user.create({ data: { email: `tutor${n}@test.example`, name: `Tutor ${n}`, role: 'TUTOR' } });
}

export async function makeStudent(db: PrismaClient, siteId: string, sisId = `T${String(next()).padStart(6, '0')}`) {
  return db.student.create({ data: { sisId, firstName: 'Test', lastName: `Student ${sisId}`, grade: 3, siteId } });
}

/**
 * Puts a probe measure on the district's list (once) and gives back its name, for a
 * group made straight through Prisma: a group's measure must be on the list (foreign key).
 */
export async function testMeasure(
  db: Pick<PrismaClient, 'probeMeasure'>,
  name: string,
  subject: 'MATH' | 'ELA' = 'MATH',
): Promise<string> {
  await db.probeMeasure.upsert({ where: { name }, update: {}, create: { name, nameKey: measureKey(name), subject } });
  return name;
}

export async function makeGroup(
  db: PrismaClient,
  opts: { siteId: string; cycleId: string; tutorId: string; startDate?: string; endDate?: string },
) {
  return db.group.create({
    data: {
      name: `Group ${next()}`,
      siteId: opts.siteId,
      cycleId: opts.cycleId,
      subject: 'MATH',
      gradeMin: 3,
      gradeMax: 4,
      targetSkill: 'Fraction equivalence',
      probeMeasure: await testMeasure(db, 'fraction equivalence /10'),
      primaryTutorId: opts.tutorId,
      modality: 'IN_SCHOOL_PULL_OUT',
      startDate: day(opts.startDate ?? '2026-09-14'),
      endDate: day(opts.endDate ?? '2026-12-18'),
    },
  });
}

export async function makeSession(db: PrismaClient, groupId: string, date = '2026-09-15', startMinute = 600) {
  return db.session.create({
    data: { groupId, date: day(date), startMinute, plannedMinutes: 30, startsAt: new Date(`${date}T15:00:00Z`) },
  });
}
