// Today's coverage gaps at a site: sessions today whose tutor (the substitute, else the
// primary) is recorded out (absent, on leave) or may not teach (clearance), with the
// site's tutors who could cover: cleared today, teaching the group's subject and
// grades, not out, and free at that time.
import 'server-only';
import { db } from '@/lib/db';
import { formatMinuteOfDay, type IsoDate } from '@/lib/dates';
import type { SubjectCode } from '@/lib/placement/priority';
import { checkClearance, checkTutorFit, clearanceOf } from '@/lib/placement/rules';
import { fromIsoDate } from '@/lib/sessions/schedule';

export interface CoverageGap {
  sessionId: string;
  groupId: string;
  text: string;
}

const profileSelect = {
  credentialStatus: true,
  credentialExpiresOn: true,
  subjects: true,
  gradeMin: true,
  gradeMax: true,
};
const tutorSelect = { id: true, name: true, tutorProfile: { select: profileSelect } } as const;

export async function coverageGaps(siteId: string, today: IsoDate): Promise<CoverageGap[]> {
  const day = fromIsoDate(today);
  const [sessions, absences, siteTutors] = await Promise.all([
    db.session.findMany({
      where: { date: day, status: 'SCHEDULED', group: { siteId, status: 'ACTIVE' } },
      orderBy: [{ startMinute: 'asc' }],
      select: {
        id: true,
        startMinute: true,
        plannedMinutes: true,
        substituteTutor: { select: tutorSelect },
        group: {
          select: {
            id: true,
            name: true,
            subject: true,
            gradeMin: true,
            gradeMax: true,
            primaryTutor: { select: tutorSelect },
          },
        },
      },
    }),
    db.tutorAbsence.findMany({
      where: { startDate: { lte: day }, endDate: { gte: day } },
      select: { tutorId: true, kind: true },
    }),
    db.user.findMany({
      where: { role: 'TUTOR', active: true, sites: { some: { siteId } }, tutorProfile: { isNot: null } },
      orderBy: { name: 'asc' },
      select: tutorSelect,
    }),
  ]);
  const out = new Map(absences.map((a) => [a.tutorId, a.kind]));
  const blocked = (t: {
    name: string;
    tutorProfile: { credentialStatus: string; credentialExpiresOn: Date | null } | null;
  }) =>
    t.tutorProfile
      ? checkClearance(t.name, clearanceOf(t.tutorProfile as Parameters<typeof clearanceOf>[0]), today, today)[0]
          ?.message
      : undefined;
  const gaps = sessions.flatMap((s) => {
    const tutor = s.substituteTutor ?? s.group.primaryTutor;
    const kind = out.get(tutor.id);
    const why = kind ? `${tutor.name} is ${kind === 'LEAVE' ? 'on leave' : 'absent'} today` : blocked(tutor);
    return why ? [{ session: s, tutor, why }] : [];
  });
  if (!gaps.length) return [];

  // Who else teaches today (anywhere), to leave out tutors busy at the time.
  const candidates = siteTutors.filter((t) => !out.has(t.id) && !blocked(t));
  const ids = candidates.map((t) => t.id);
  const busy = await db.session.findMany({
    where: {
      date: day,
      status: { not: 'CANCELLED' },
      OR: [{ substituteTutorId: { in: ids } }, { substituteTutorId: null, group: { primaryTutorId: { in: ids } } }],
    },
    select: {
      startMinute: true,
      plannedMinutes: true,
      substituteTutorId: true,
      group: { select: { primaryTutorId: true } },
    },
  });
  const freeAt = (tutorId: string, start: number, minutes: number) =>
    busy.every((b) => {
      const who = b.substituteTutorId ?? b.group.primaryTutorId;
      return who !== tutorId || b.startMinute + b.plannedMinutes <= start || start + minutes <= b.startMinute;
    });

  return gaps.map(({ session: s, tutor, why }) => {
    const fit = candidates
      .filter((c) => c.id !== tutor.id && freeAt(c.id, s.startMinute, s.plannedMinutes))
      .filter(
        (c) =>
          checkTutorFit(
            {
              name: c.name,
              subjects: c.tutorProfile!.subjects as SubjectCode[],
              gradeMin: c.tutorProfile!.gradeMin,
              gradeMax: c.tutorProfile!.gradeMax,
            },
            { subject: s.group.subject as SubjectCode, gradeMin: s.group.gradeMin, gradeMax: s.group.gradeMax },
          ).length === 0,
      )
      .map((c) => c.name);
    return {
      sessionId: s.id,
      groupId: s.group.id,
      text: `${s.group.name}, ${formatMinuteOfDay(s.startMinute)} today: ${why.replace(/\.$/, '')}; ${s.substituteTutor ? 'assign another substitute' : 'no substitute yet'}. ${
        fit.length
          ? `Free and fit to cover: ${fit.join(', ')}.`
          : 'No tutor at this site is free and fit to cover: ask the district office.'
      }`,
    };
  });
}
