// Builds the district as plain data in memory: calendar, schools, students,
// staff, groups and placements. Sessions, attendance and probes are generated
// group by group while writing (see delivery.ts), so a large district never
// holds a million attendance rows at once.
import { cycleCalendar } from './calendar';
import { fillOpenSeats, moveStudents } from './membership';
import type { District, SeedContext } from './model';
import { placeByNeed } from './placement';
import { buildSites, buildStudents } from './roster';
import type { CycleRow, NoSchoolDayRow } from './rows';
import { buildStaff } from './staff';

export interface PlacementHistory {
  moved: number;
  joinedLate: number;
}

export function buildDistrict(ctx: SeedContext): { district: District; history: PlacementHistory } {
  const full = cycleCalendar(ctx.today, ctx.scale.cycleLength);
  const calendar = ctx.openToday
    ? { ...full, closures: full.closures.filter((closure) => closure.date !== ctx.today) }
    : full;
  const cycle: CycleRow = {
    id: ctx.ids.uuid(),
    name: calendar.name,
    startDate: calendar.startDate,
    endDate: calendar.endDate,
  };
  const sites = buildSites(ctx, calendar);
  if (ctx.openToday) {
    for (const site of sites) {
      site.siteClosures = site.siteClosures.filter((closure) => closure.date !== ctx.today);
      site.closed.delete(ctx.today);
      site.unplannedClosures.delete(ctx.today);
    }
  }
  const noSchoolDays: NoSchoolDayRow[] = [
    ...calendar.closures.map((closure) => ({ id: ctx.ids.uuid(), siteId: null, ...closure })),
    ...sites.flatMap((site) => site.siteClosures),
  ];
  const { students, screeners } = buildStudents(ctx, sites, calendar);
  const staff = buildStaff(ctx, sites, students);
  const { groups, waitlist } = placeByNeed(ctx, {
    sites,
    students,
    tutors: staff.tutors,
    demoTutor: staff.demoTutor,
    cycle,
    calendar,
  });

  const random = ctx.random('placement-history');
  const placed = groups.reduce((sum, group) => sum + group.placements.length, 0);
  const moved = moveStudents(ctx, random, groups, Math.max(3, Math.round(placed * 0.012)));
  const joinedLate = fillOpenSeats(ctx, random, groups, waitlist, Math.max(4, Math.round(placed * 0.02)));

  return {
    district: {
      calendar,
      cycle,
      noSchoolDays,
      sites,
      students,
      screeners,
      providers: staff.providers,
      users: staff.users,
      userSites: staff.userSites,
      tutors: staff.tutors,
      groups,
      demoTutor: staff.demoTutor,
      demoAccounts: staff.demoAccounts,
    },
    history: { moved, joinedLate },
  };
}
