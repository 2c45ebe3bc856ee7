import { readDistrictSettings } from '@/lib/settings/district';
import type { Metadata } from 'next';
import { SuggestionCard } from '@/components/placement/suggestion-card';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { measureChoices } from '@/lib/measures/queries';
import { ordinal, subjectLabels, type SubjectCode } from '@/lib/placement/priority';
import { commitmentsFor, tutorCommitments } from '@/lib/placement/commitments';
import { cycleOptions, siteTutorOptions } from '@/lib/placement/options';
import { placementPolicy } from '@/lib/placement/policy';
import { siteStudents, waitlistOf } from '@/lib/placement/students';
import { gradeLabel } from '@/lib/placement/rules';
import { siteGroups } from '@/lib/placement/groups';
import { siteSeatFits, suggestStudentsOf } from '@/lib/placement/open-seats';
import { candidatePatterns, patternLabel, suggestGroups } from '@/lib/placement/suggest';
import { PlaceForm } from '@/components/placement/place-form';

export const metadata: Metadata = { title: 'Suggested groups' };

export default async function SuggestedGroupsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<{ subject?: string }>;
}) {
  const { siteId } = await params;
  await authorizePage('site.groups.manage', { siteId }, `/sites/${siteId}/groups/suggested`);
  const subject: SubjectCode = (await searchParams).subject === 'ELA' ? 'ELA' : 'MATH';
  const policy = await placementPolicy();
  const [site, rows, groups, tutors, cycles, starts, settings, measures] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteStudents(siteId, policy),
    siteGroups(siteId, policy),
    siteTutorOptions(siteId),
    cycleOptions(),
    db.groupMeeting.findMany({
      where: { group: { siteId, status: 'ACTIVE' } },
      distinct: ['startMinute'],
      select: { startMinute: true },
    }),
    readDistrictSettings(db),
    measureChoices(db),
  ]);
  const cycle = cycles.find((c) => c.endDate >= policy.today);
  const from = cycle && cycle.startDate > policy.today ? cycle.startDate : policy.today;
  const waiting = waitlistOf(rows, subject);
  const other: SubjectCode = subject === 'MATH' ? 'ELA' : 'MATH';
  const header = (
    <PageHeader
      title="Suggested groups"
      description={`${subjectLabels[subject]} at ${site.name}: first the free seats in existing groups that fit students waiting (grade band, free at the group's times), then new groups for the rest, each student with others near their grade and level of need, at a time all are free, with a tutor who has room. Accept, edit or set aside.`}
      actions={
        <ButtonLink href={`/sites/${siteId}/groups/suggested?subject=${other}`} variant="secondary">
          Suggestions for {subjectLabels[other]}
        </ButtonLink>
      }
    />
  );
  if (!cycle)
    return (
      <>
        {header}
        <EmptyState
          title="No current cycle"
          description="A district admin adds the next tutoring cycle on the calendar page."
        />
      </>
    );

  const span = { startDate: from, endDate: cycle.endDate };
  // Free seats first: students an existing group fits are offered its seat, not a new group.
  const seatFits = (await siteSeatFits(siteId, policy, { rows, groups }))[subject];
  const seated = new Set(seatFits.flatMap((f) => f.students.map((st) => st.id)));
  const unseated = waiting.filter((r) => !seated.has(r.id));
  const [commitments, tutorLoads] = await Promise.all([
    commitmentsFor(
      unseated.map((r) => r.id),
      from,
    ),
    Promise.all(tutors.map(async (t) => ({ ...t, commitments: await tutorCommitments(db, t.id, from) }))),
  ]);
  const suggestions = suggestGroups({
    subject,
    students: suggestStudentsOf(unseated, subject, commitments),
    tutors: tutorLoads.map((t) => ({ ...t, subjects: t.subjects as SubjectCode[] })),
    patterns: candidatePatterns(
      starts.map((s) => s.startMinute),
      settings.targetMinutesPerSession,
    ),
    maxGroupSize: policy.maxGroupSize,
    span,
  });
  return (
    <>
      {header}
      <p role="status" className="mb-4 text-slate-700">
        {waiting.length} waiting for {subjectLabels[subject]}; {seated.size} fit a free seat in an existing group;{' '}
        {suggestions.length} new group{suggestions.length === 1 ? '' : 's'} suggested for{' '}
        {suggestions.reduce((n, s) => n + s.students.length, 0)} of the rest.
      </p>
      {seatFits.length ? (
        <section aria-labelledby="free-seats" className="mb-8">
          <h2 id="free-seats" className="mb-3 text-xl font-semibold">
            Free seats first
          </h2>
          <ul className="flex flex-col gap-4">
            {seatFits.map(({ group, seats, students }) => (
              <li key={group.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="text-lg font-semibold">{group.name}</h3>
                <p className="text-sm text-slate-700">
                  Grade {gradeLabel(group.gradeMin)}
                  {group.gradeMax !== group.gradeMin ? `–${gradeLabel(group.gradeMax)}` : ''} ·{' '}
                  {group.meetings.length
                    ? patternLabel({
                        weekdays: group.meetings.map((m) => m.weekday),
                        startMinute: group.meetings[0]!.startMinute,
                        plannedMinutes: group.meetings[0]!.plannedMinutes,
                      })
                    : 'no meetings'}{' '}
                  · {seats} free seat{seats === 1 ? '' : 's'}; {students.length} waiting student
                  {students.length === 1 ? ' fits' : 's fit'}, by priority:
                </p>
                <ul className="mt-2 flex flex-col gap-3">
                  {students.map((st) => (
                    <li key={st.id} className="flex flex-col gap-1">
                      <span>
                        <span className="font-semibold">{st.name}</span>{' '}
                        <span className="text-sm text-slate-600">
                          grade {gradeLabel(st.grade)} · {ordinal(st.percentile)} percentile · priority {st.rank}
                        </span>
                      </span>
                      <PlaceForm
                        studentId={st.id}
                        studentName={st.name}
                        groupId={group.id}
                        defaultStartDate={policy.today}
                      />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {suggestions.length === 0 ? (
        <EmptyState
          title="No group to suggest"
          description="Nobody is waiting, or those waiting have no shared free time with a tutor who has room. Place them one by one from the waitlist, or add a tutor."
        />
      ) : (
        <ul className="flex flex-col gap-4">
          {suggestions.map((s) => (
            <SuggestionCard
              key={s.key}
              siteId={siteId}
              cycleId={cycle.id}
              startDate={from}
              endDate={cycle.endDate}
              measures={measures}
              suggestion={{
                key: s.key,
                name: s.name,
                subject: s.subject,
                gradeMin: s.gradeMin,
                gradeMax: s.gradeMax,
                tutorId: s.tutor.id,
                tutorName: s.tutor.name,
                meetings: s.meetings,
                students: s.students.map((st) => ({
                  id: st.id,
                  name: st.name,
                  detail: `grade ${gradeLabel(st.grade)} · ${ordinal(st.percentile)} percentile · priority ${st.rank}`,
                })),
                explanation: s.explanation,
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
