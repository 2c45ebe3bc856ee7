import type { Metadata } from 'next';
import Link from 'next/link';
import { MakeupForm, RecordFollowUpForm } from '@/components/followup/followup-forms';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { flagLabels } from '@/lib/flags/rules';
import { followUpActionLabels, followUpFlagLabels } from '@/lib/followup/labels';
import { cancelledWithoutMakeup, flaggedGroups, flaggedStudents, recentFollowUps } from '@/lib/followup/queries';
import { placementPolicy } from '@/lib/placement/policy';
import { cancellationReasonLabels } from '@/lib/codes';
import { formatMinuteOfDay } from '@/lib/dates';

export const metadata: Metadata = { title: 'Follow-up' };

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export default async function FollowUpPage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}/follow-up`);
  const canRecord = can(user.role, 'site.followup.record');
  const canMakeup = can(user.role, 'site.groups.manage');
  const policy = await placementPolicy();
  const [site, students, groups, cancelled, recent] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    flaggedStudents(siteId, policy),
    flaggedGroups(siteId, policy),
    cancelledWithoutMakeup(siteId, policy),
    recentFollowUps(siteId),
  ]);
  return (
    <>
      <PageHeader
        title="Follow-up"
        description={`Early warnings at ${site.name} this week: students and groups to act on, cancelled sessions to make up, and what has been done.`}
      />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="students-heading" className="flex flex-col gap-3">
          <h2 id="students-heading" className="text-xl font-semibold">
            Students ({students.length})
          </h2>
          {students.length === 0 ? (
            <EmptyState headingLevel={3} title="No student is flagged" />
          ) : (
            <Table caption="Flagged students" captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Student</HeaderCell>
                  <HeaderCell>Flags</HeaderCell>
                  {canRecord ? <HeaderCell>Follow-up</HeaderCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {students.map((s) => (
                  <TableRow key={s.id}>
                    <HeaderCell scope="row">
                      <Link href={`/sites/${siteId}/students?q=${encodeURIComponent(s.sisId)}`}>
                        {s.firstName} {s.lastName}
                      </Link>
                      <span className="block text-sm font-normal text-slate-600">SIS {s.sisId}</span>
                    </HeaderCell>
                    <Cell className="min-w-64">
                      <ul className="flex flex-col gap-1">
                        {s.flags.map((f) => (
                          <li key={f.message}>
                            <Badge tone="danger">{flagLabels[f.kind]}</Badge>{' '}
                            <span className="text-sm">{f.message}</span>
                          </li>
                        ))}
                      </ul>
                    </Cell>
                    {canRecord ? (
                      <Cell className="min-w-96">
                        <RecordFollowUpForm
                          siteId={siteId}
                          studentId={s.id}
                          flag={s.flags[0]!.kind}
                          label={`${s.firstName} ${s.lastName}`}
                        />
                      </Cell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="groups-heading" className="flex flex-col gap-3">
          <h2 id="groups-heading" className="text-xl font-semibold">
            Groups ({groups.length})
          </h2>
          {groups.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="No group is flagged"
              description="Every group is within the size limit and has held a session lately."
            />
          ) : (
            <Table caption="Flagged groups" captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Group</HeaderCell>
                  <HeaderCell>Flags</HeaderCell>
                  {canRecord ? <HeaderCell>Follow-up</HeaderCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {groups.map((g) => (
                  <TableRow key={g.id}>
                    <HeaderCell scope="row">
                      <Link href={`/sites/${siteId}/groups/${g.id}`}>{g.name}</Link>
                    </HeaderCell>
                    <Cell>
                      <ul className="flex flex-col gap-1">
                        {g.flags.map((f) => (
                          <li key={f.kind}>
                            <Badge tone="danger">{followUpFlagLabels[f.kind]}</Badge>{' '}
                            <span className="text-sm">{f.message}</span>
                          </li>
                        ))}
                      </ul>
                    </Cell>
                    {canRecord ? (
                      <Cell className="min-w-96">
                        <RecordFollowUpForm siteId={siteId} groupId={g.id} flag={g.flags[0]!.kind} label={g.name} />
                      </Cell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="cancelled-heading" className="flex flex-col gap-3">
          <h2 id="cancelled-heading" className="text-xl font-semibold">
            Cancelled sessions without a make-up ({cancelled.length})
          </h2>
          {cancelled.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="Nothing to make up"
              description="No session was cancelled in the last four weeks without a make-up."
            />
          ) : (
            <Table caption="Cancelled sessions of the last four weeks" captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Session</HeaderCell>
                  <HeaderCell>Why</HeaderCell>
                  {canMakeup ? <HeaderCell>Make-up</HeaderCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {cancelled.map((s) => (
                  <TableRow key={s.id}>
                    <HeaderCell scope="row">
                      <Link href={`/sites/${siteId}/groups/${s.group.id}`}>{s.group.name}</Link>
                      <span className="block text-sm font-normal text-slate-600">
                        {s.date} · {formatMinuteOfDay(s.startMinute)} · {s.plannedMinutes} min
                      </span>
                    </HeaderCell>
                    <Cell>{cancellationReasonLabels[s.cancellationReason ?? 'OTHER']}</Cell>
                    {canMakeup ? (
                      <Cell className="min-w-96">
                        <MakeupForm
                          sessionId={s.id}
                          label={`${s.group.name}, ${s.date}`}
                          defaultDate={policy.today}
                          defaultTime={hhmm(s.startMinute)}
                        />
                      </Cell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="recent-heading" className="flex flex-col gap-3">
          <h2 id="recent-heading" className="text-xl font-semibold">
            Follow-ups recorded
          </h2>
          {recent.length === 0 ? (
            <EmptyState headingLevel={3} title="Nothing recorded yet" />
          ) : (
            <ul className="flex flex-col gap-2">
              {recent.map((r) => (
                <li key={r.id} className="rounded-md border border-slate-200 bg-white px-4 py-3">
                  <span className="font-medium">
                    {r.student ? `${r.student.firstName} ${r.student.lastName}` : r.group?.name}
                  </span>
                  {' · '}
                  {followUpActionLabels[r.action]} (
                  {followUpFlagLabels[r.flag as keyof typeof followUpFlagLabels] ?? r.flag})
                  {r.makeupSession
                    ? ` · make-up ${r.makeupSession.date} ${formatMinuteOfDay(r.makeupSession.startMinute)}`
                    : ''}
                  {r.note ? <span className="block text-sm text-slate-700">{r.note}</span> : null}
                  <span className="block text-sm text-slate-600">
                    {r.createdBy.name}, {r.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
