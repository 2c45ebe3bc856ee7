// A coordinator's to-do queue: what at their site needs a person this week, each item
// linking to where it is fixed, and gone once it is (everything is read live, nothing
// is marked done by hand). Sections, in the order a coordinator works them:
// - past sessions still unlogged, by the tutor who teaches them, oldest first (the
//   item opens the oldest, for the coordinator to log it for the tutor, saying why);
// - sessions today whose tutor is out or may not teach, with who could cover (./coverage.ts);
// - groups whose tutor may not teach (clearance pending or lapsed: see the rules);
// - early-warning flags (DOMAIN.md) with no follow-up recorded in the last week;
// - free seats in existing groups that fit waitlisted students (lib/placement/open-seats.ts);
// - cancelled sessions of the last four weeks without a make-up;
// - groups that cannot meet the program standard as planned (weekly minutes, weeks, size).
import 'server-only';
import { now as clockNow } from '@/lib/clock';
import { db } from '@/lib/db';
import type { IsoDate } from '@/lib/dates';
import { flagLabels } from '@/lib/flags/rules';
import { cancelledWithoutMakeup, flaggedGroups, flaggedStudents } from '@/lib/followup/queries';
import { SUBJECTS, type Policy } from '@/lib/placement/policy';
import { siteSeatFits } from '@/lib/placement/open-seats';
import { coverageGaps } from './coverage';
import { subjectLabels } from '@/lib/placement/priority';
import { checkClearance, checkGroupPlan, clearanceOf } from '@/lib/placement/rules';
import { fromIsoDate, toIsoDate } from '@/lib/sessions/schedule';

export type TodoSectionId = 'unlogged' | 'coverage' | 'clearance' | 'flags' | 'seats' | 'makeups' | 'standard';

export interface TodoItem {
  key: string;
  text: string;
  href: string;
  /** A tutor to remind by email of their sessions still to log (lib/notify/remind-action.ts). */
  remind?: { siteId: string; tutorId: string; tutorName: string };
}

export interface TodoSection {
  id: TodoSectionId;
  title: string;
  /** What to do about every item of the section, in a line. */
  action: string;
  items: TodoItem[];
}

/** A flag counts as followed up for this long after a follow-up is recorded. */
export const FOLLOW_UP_FRESH_DAYS = 7;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function siteTodo(siteId: string, policy: Policy): Promise<TodoSection[]> {
  const base = `/sites/${siteId}`;
  const today = fromIsoDate(policy.today);
  const [unlogged, groups, students, flagged, followedUp, cancelled, seatFits, gaps] = await Promise.all([
    db.session.findMany({
      where: { group: { siteId, status: 'ACTIVE' }, status: 'SCHEDULED', date: { lt: today } },
      orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
      select: {
        id: true,
        date: true,
        group: { select: { id: true, name: true, primaryTutor: { select: { id: true, name: true } } } },
        primaryTutor: { select: { id: true, name: true } },
        substituteTutor: { select: { id: true, name: true } },
      },
    }),
    db.group.findMany({
      where: { siteId, status: 'ACTIVE', endDate: { gte: today } },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        startDate: true,
        endDate: true,
        meetings: { select: { weekday: true, startMinute: true, plannedMinutes: true } },
        primaryTutor: {
          select: { name: true, tutorProfile: { select: { credentialStatus: true, credentialExpiresOn: true } } },
        },
      },
    }),
    flaggedStudents(siteId, policy),
    flaggedGroups(siteId, policy),
    db.followUp.findMany({
      where: { siteId, createdAt: { gte: new Date(clockNow().getTime() - FOLLOW_UP_FRESH_DAYS * 86_400_000) } },
      select: { studentId: true, groupId: true, flag: true },
    }),
    cancelledWithoutMakeup(siteId, policy),
    siteSeatFits(siteId, policy),
    coverageGaps(siteId, policy.today),
  ]);

  // Unlogged: one item per tutor, their oldest session first.
  const byTutor = new Map<string, { name: string; count: number; oldest: IsoDate; sessionId: string; group: string }>();
  for (const s of unlogged) {
    // Whose it is to log: the cover, else the group's tutor (as the log action, the tutor's pages and reminders decide).
    const tutor = s.substituteTutor ?? s.group.primaryTutor;
    const seen = byTutor.get(tutor.id);
    if (seen) seen.count++;
    else
      byTutor.set(tutor.id, {
        name: tutor.name,
        count: 1,
        oldest: toIsoDate(s.date),
        sessionId: s.id,
        group: s.group.name,
      });
  }

  const clearance = groups.flatMap((g) => {
    const profile = g.primaryTutor.tutorProfile;
    if (!profile) return [];
    const block = checkClearance(g.primaryTutor.name, clearanceOf(profile), policy.today, policy.today)[0];
    return block?.severity === 'block'
      ? [{ key: g.id, text: `${g.name}: ${block.message}`, href: `${base}/groups/${g.id}` }]
      : [];
  });

  const fresh = new Set(followedUp.map((f) => `${f.studentId ?? f.groupId}:${f.flag}`));
  const flags: TodoItem[] = [
    ...students.flatMap((s) => {
      const due = s.flags.filter((f) => !fresh.has(`${s.id}:${f.kind}`));
      return due.length
        ? [
            {
              key: `student-${s.id}`,
              text: `${s.firstName} ${s.lastName}: ${due.map((f) => flagLabels[f.kind].toLowerCase()).join(', ')}`,
              href: `${base}/follow-up`,
            },
          ]
        : [];
    }),
    ...flagged.flatMap((g) => {
      const due = g.flags.filter((f) => !fresh.has(`${g.id}:${f.kind}`));
      return due.length
        ? [
            {
              key: `group-${g.id}`,
              text: `${g.name}: ${due.map((f) => f.message).join('; ')}`,
              href: `${base}/follow-up`,
            },
          ]
        : [];
    }),
  ];

  const oversize = new Map(
    flagged.flatMap((g) => g.flags.filter((f) => f.kind === 'over_size').map((f) => [g.id, f.message] as const)),
  );
  const standard = groups.flatMap((g) => {
    const problems = [
      ...checkGroupPlan(
        { meetings: g.meetings, startDate: toIsoDate(g.startDate), endDate: toIsoDate(g.endDate) },
        policy,
      ).map((w) => w.message),
      ...(oversize.has(g.id) ? [`${oversize.get(g.id)}.`] : []),
    ];
    return problems.length
      ? [{ key: g.id, text: `${g.name}: ${problems.join(' ')}`, href: `${base}/groups/${g.id}` }]
      : [];
  });

  return [
    {
      id: 'unlogged',
      title: 'Past sessions still to log',
      action:
        'Ask the tutor to log them from their tablet, or log the oldest for them here (you will be asked why; it is kept in the audit trail).',
      items: [...byTutor.entries()]
        .sort(([, a], [, b]) => a.oldest.localeCompare(b.oldest))
        .map(([tutorId, t]) => ({
          key: tutorId,
          text: `${t.name}: ${plural(t.count, 'session')} to log, the oldest on ${t.oldest} (${t.group})`,
          href: `${base}/sessions/${t.sessionId}`,
          remind: { siteId, tutorId, tutorName: t.name },
        })),
    },
    {
      id: 'coverage',
      title: 'Sessions today without a tutor',
      action: 'Assign a substitute on the group page; the tutors listed are free then and fit the group.',
      items: gaps.map((g) => ({ key: g.sessionId, text: g.text, href: `${base}/groups/${g.groupId}` })),
    },
    {
      id: 'clearance',
      title: 'Groups whose tutor may not teach',
      action: 'Give the group another tutor, or a substitute until the clearance is renewed.',
      items: clearance,
    },
    {
      id: 'flags',
      title: 'Flags to follow up',
      action: `Record what was done on the follow-up page (a flag followed up in the last ${FOLLOW_UP_FRESH_DAYS} days is not listed).`,
      items: flags,
    },
    {
      id: 'seats',
      title: 'Free seats that fit students waiting',
      action: 'Place them from the suggested groups page, where free seats come before new groups.',
      items: SUBJECTS.flatMap((subject) =>
        seatFits[subject].map(({ group, seats, students: fit }) => ({
          key: `${subject}-${group.id}`,
          text: `${group.name}: ${plural(seats, 'free seat')}; ${fit.map((st) => `${st.name} (priority ${st.rank})`).join(', ')} on the ${subjectLabels[subject]} waitlist ${fit.length === 1 ? 'fits' : 'fit'}`,
          href: `${base}/groups/suggested?subject=${subject}`,
        })),
      ),
    },
    {
      id: 'makeups',
      title: 'Cancelled sessions without a make-up',
      action: 'Schedule a make-up, or record why not, on the follow-up page.',
      items: cancelled.map((s) => ({
        key: s.id,
        text: `${s.group.name}: ${s.date}`,
        href: `${base}/follow-up`,
      })),
    },
    {
      id: 'standard',
      title: 'Groups that cannot meet the program standard',
      action: 'Change the schedule or dates on the group page, or move students to another group.',
      items: standard,
    },
  ];
}
