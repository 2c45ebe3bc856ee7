import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ClassSchedulesTable } from '@/components/classes/class-schedules';
import { EndForm, MoveForm } from '@/components/placement/membership-forms';
import { PlaceForm } from '@/components/placement/place-form';
import { ReassignTutorForm, SubstituteForm } from '@/components/placement/staffing-forms';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { classSchedules } from '@/lib/classes/queries';
import { can } from '@/lib/auth/permissions';
import { groupOptionLabel, modalityLabels, scheduleLabel } from '@/lib/placement/labels';
import { subjectLabels } from '@/lib/placement/priority';
import { commitmentsFor } from '@/lib/placement/commitments';
import { groupDetail, siteGroups, upcomingSessions } from '@/lib/placement/groups';
import { placementPolicy } from '@/lib/placement/policy';
import { siteStudents, waitlistOf } from '@/lib/placement/students';
import { siteTutorOptions } from '@/lib/placement/options';
import { formatMinuteOfDay } from '@/lib/dates';
import { checkPlacement, gradeBandLabel, gradeLabel } from '@/lib/placement/rules';

export const metadata: Metadata = { title: 'Group' };

const CANDIDATES_SHOWN = 8;

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string; groupId: string }>;
  searchParams: Promise<{ created?: string; updated?: string }>;
}) {
  const { siteId, groupId } = await params;
  const user = await authorizePage('group.view', { groupId }, `/sites/${siteId}/groups/${groupId}`);
  const group = await groupDetail(groupId);
  if (!group || group.siteId !== siteId) notFound();
  const canManage = can(user.role, 'site.groups.manage');
  const policy = await placementPolicy();
  const { created, updated } = await searchParams;

  const current = group.memberships.filter((m) => m.endDate === null || m.endDate >= policy.today);
  const past = group.memberships.filter((m) => m.endDate !== null && m.endDate < policy.today);
  const seatsNow = current.filter(
    (m) => m.startDate <= (policy.today > group.startDate ? policy.today : group.startDate),
  ).length;
  const placeFrom = policy.today > group.startDate ? policy.today : group.startDate;

  const [sessions, siteTutors, schedules] = await Promise.all([
    upcomingSessions(group.id, policy.today),
    canManage ? siteTutorOptions(siteId) : Promise.resolve([]),
    classSchedules(current.map((m) => m.student.id)),
  ]);
  const otherTutors = siteTutors.filter((t) => t.id !== group.primaryTutor.id).map((t) => ({ id: t.id, name: t.name }));
  let candidates: { id: string; name: string; grade: number; reason: string; blocks: string[]; warnings: string[] }[] =
    [];
  let moveTargets: { id: string; label: string }[] = [];
  if (canManage && group.status === 'ACTIVE') {
    const [rows, groups] = await Promise.all([siteStudents(siteId, policy), siteGroups(siteId, policy)]);
    moveTargets = groups
      .filter((g) => g.id !== group.id && g.subject === group.subject && g.seatsTaken < policy.maxGroupSize)
      .map((g) => ({ id: g.id, label: groupOptionLabel(g, policy.maxGroupSize) }));
    const waiting = waitlistOf(rows, group.subject).slice(0, CANDIDATES_SHOWN);
    const commitments = await commitmentsFor(
      waiting.map((r) => r.id),
      placeFrom,
    );
    candidates = waiting.map((row) => {
      const name = `${row.firstName} ${row.lastName}`;
      const verdict = checkPlacement({
        student: {
          name,
          grade: row.grade,
          eligibleSubjects: (['MATH', 'ELA'] as const).filter((s) => row.standings[s].eligible),
          commitments: commitments.get(row.id) ?? [],
        },
        group: { ...group, subject: group.subject, seatsTaken: seatsNow },
        startDate: placeFrom,
        maxGroupSize: policy.maxGroupSize,
      });
      return {
        id: row.id,
        name,
        grade: row.grade,
        reason: row.standings[group.subject].reason,
        blocks: verdict.blocks.map((b) => b.message),
        warnings: verdict.warnings.map((w) => w.message),
      };
    });
  }

  return (
    <>
      <PageHeader
        title={group.name}
        description={`${subjectLabels[group.subject]}, ${gradeBandLabel(group.gradeMin, group.gradeMax)} · ${group.targetSkill} · probe: ${group.probeMeasure}`}
        actions={
          canManage && group.status === 'ACTIVE' ? (
            <ButtonLink href={`/sites/${siteId}/groups/${group.id}/edit`} variant="secondary">
              Edit schedule and details
            </ButtonLink>
          ) : null
        }
      />
      {updated !== undefined ? (
        <FormMessage
          tone="success"
          message="Saved. Sessions still to come follow the new schedule; logged sessions are unchanged."
          className="mb-6"
        />
      ) : null}
      {created !== undefined ? (
        <FormMessage
          tone="success"
          message={`The group was created with ${Number(created) || 0} sessions on the calendar. Now place students from the waitlist.`}
          className="mb-6"
        />
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title="Schedule">
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
            {[
              ['Tutor', group.primaryTutor.name],
              ['Meets', scheduleLabel(group.meetings)],
              ['Modality', `${modalityLabels[group.modality]}${group.room ? ` · ${group.room}` : ''}`],
              ['Dates', `${group.startDate} to ${group.endDate} (${group.cycle.name})`],
              ['Seats', `${seatsNow} of ${policy.maxGroupSize} taken`],
              ['Status', group.status === 'ACTIVE' ? 'Active' : 'Closed'],
            ].map(([term, value]) => (
              <div key={term}>
                <dt className="text-sm text-slate-600">{term}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <section aria-labelledby="members-heading" className="flex flex-col gap-3">
          <h2 id="members-heading" className="text-xl font-semibold">
            Students ({current.length})
          </h2>
          {current.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="Nobody is placed in this group yet"
              description={canManage ? 'Place students from the waitlist below.' : undefined}
            />
          ) : (
            <Table caption={`Students in ${group.name}`} captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Student</HeaderCell>
                  <HeaderCell>In the group</HeaderCell>
                  <HeaderCell numeric>Goal</HeaderCell>
                  {canManage ? <HeaderCell>Move or remove</HeaderCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {current.map((m) => {
                  const name = `${m.student.firstName} ${m.student.lastName}`;
                  return (
                    <TableRow key={m.id}>
                      <HeaderCell scope="row">
                        {name}
                        <span className="block text-sm font-normal text-slate-600">
                          Grade {gradeLabel(m.student.grade)} · SIS {m.student.sisId}
                        </span>
                      </HeaderCell>
                      <Cell className="whitespace-nowrap">
                        since {m.startDate}
                        {m.endDate ? ` until ${m.endDate}` : ''}
                      </Cell>
                      <Cell numeric>{m.goalScore ?? '—'}</Cell>
                      {canManage ? (
                        <Cell className="min-w-96">
                          <div className="flex flex-col gap-4">
                            <MoveForm
                              groupId={group.id}
                              membershipId={m.id}
                              studentName={name}
                              defaultDate={policy.today > m.startDate ? policy.today : m.startDate}
                              groups={moveTargets}
                            />
                            <EndForm
                              groupId={group.id}
                              membershipId={m.id}
                              studentName={name}
                              defaultDate={policy.today}
                            />
                          </div>
                        </Cell>
                      ) : null}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </section>

        {schedules.size > 0 ? (
          <section aria-labelledby="classes-heading" className="flex flex-col gap-3">
            <h2 id="classes-heading" className="text-xl font-semibold">
              Homerooms and classes
            </h2>
            <p className="text-slate-700">From the last roster import, for planning when to collect each student.</p>
            <ClassSchedulesTable
              caption={`Homerooms and classes of ${group.name}`}
              students={current.map((m) => ({
                id: m.id,
                name: `${m.student.firstName} ${m.student.lastName}`,
                schedule: schedules.get(m.student.id),
              }))}
            />
          </section>
        ) : null}

        {canManage && group.status === 'ACTIVE' ? (
          <section aria-labelledby="candidates-heading" className="flex flex-col gap-3">
            <h2 id="candidates-heading" className="text-xl font-semibold">
              Place from the {subjectLabels[group.subject]} waitlist
            </h2>
            <p className="text-slate-700">
              The first {CANDIDATES_SHOWN} students waiting, in priority order, checked against this group&apos;s rules
              from {placeFrom}.
            </p>
            {candidates.length === 0 ? (
              <EmptyState headingLevel={3} title={`Nobody is waiting for ${subjectLabels[group.subject]}`} />
            ) : (
              <ul className="flex flex-col gap-3">
                {candidates.map((c) => (
                  <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
                    <p className="font-semibold">
                      {c.name} <span className="font-normal text-slate-600">· grade {gradeLabel(c.grade)}</span>
                    </p>
                    <p className="mb-2 text-sm text-slate-700">{c.reason}</p>
                    {c.warnings.length ? (
                      <ul className="mb-2 flex flex-col gap-1">
                        {c.warnings.map((w) => (
                          <li key={w}>
                            <Badge tone="warning">Check</Badge> <span className="text-sm">{w}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <PlaceForm
                      studentId={c.id}
                      studentName={c.name}
                      groupId={group.id}
                      defaultStartDate={placeFrom}
                      issues={c.blocks}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}

        <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
          <h2 id="sessions-heading" className="text-xl font-semibold">
            Coming sessions
          </h2>
          {sessions.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="No sessions ahead"
              description="The group has ended, or its schedule has no school days left."
            />
          ) : (
            <Table caption={`Coming sessions of ${group.name}`} captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Date</HeaderCell>
                  <HeaderCell>Time</HeaderCell>
                  <HeaderCell>Taught by</HeaderCell>
                  <HeaderCell>Status</HeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {sessions.map((s) => (
                  <TableRow key={s.id}>
                    <Cell className="whitespace-nowrap">{s.date}</Cell>
                    <Cell className="whitespace-nowrap">
                      {formatMinuteOfDay(s.startMinute)} · {s.plannedMinutes} min
                    </Cell>
                    <Cell>
                      {s.substituteTutor ? (
                        <>
                          <Badge tone="info">Substitute</Badge> {s.substituteTutor.name}
                        </>
                      ) : (
                        group.primaryTutor.name
                      )}
                    </Cell>
                    <Cell>
                      {s.status === 'SCHEDULED' ? 'Scheduled' : s.status === 'HELD' ? 'Held' : 'Cancelled'}
                      {s.makeupForId ? (
                        <>
                          {' '}
                          <Badge tone="info">Make-up</Badge>
                        </>
                      ) : null}
                    </Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        {canManage && group.status === 'ACTIVE' ? (
          <Card
            title="Tutor and substitutes"
            description={`${group.primaryTutor.name} teaches this group. A substitute covers unlogged sessions only and then sees them on their tablet.`}
          >
            <div className="flex flex-col gap-6">
              <SubstituteForm
                groupId={group.id}
                tutors={otherTutors}
                defaultDate={sessions.find((s) => s.status === 'SCHEDULED')?.date ?? policy.today}
              />
              <ReassignTutorForm groupId={group.id} tutors={otherTutors} />
            </div>
          </Card>
        ) : null}

        {past.length ? (
          <section aria-labelledby="history-heading" className="flex flex-col gap-3">
            <h2 id="history-heading" className="text-xl font-semibold">
              Earlier students
            </h2>
            <Table caption={`Students who left ${group.name}`} captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Student</HeaderCell>
                  <HeaderCell>In the group</HeaderCell>
                  <HeaderCell>Why they left</HeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {past.map((m) => (
                  <TableRow key={m.id}>
                    <HeaderCell scope="row">
                      {m.student.firstName} {m.student.lastName}
                    </HeaderCell>
                    <Cell className="whitespace-nowrap">
                      {m.startDate} to {m.endDate}
                    </Cell>
                    <Cell>{m.endReason ?? '—'}</Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        ) : null}
      </div>
    </>
  );
}
