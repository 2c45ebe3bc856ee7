import type { Metadata } from 'next';
import { SessionStatusBadge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { formatDay, formatMinuteOfDay } from '@/lib/dates';
import { tutorSessionsToday, tutorUnloggedSessions } from '@/lib/tutor/queries';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CalendarFeed } from '@/components/tutor/calendar-feed';
import { db } from '@/lib/db';
import { KeepOffline } from '@/components/tutor/offline-pages';
import { PendingLogMark } from '@/components/tutor/outbox';

export const metadata: Metadata = { title: 'Today' };

export default async function TutorTodayPage() {
  const user = await authorizePage('tutor.view', undefined, '/tutor');
  const [{ today, sessions, nextId }, unlogged, feed] = await Promise.all([
    tutorSessionsToday(user.id),
    tutorUnloggedSessions(user.id),
    db.calendarFeed.findFirst({ where: { userId: user.id, revokedAt: null }, select: { createdAt: true } }),
  ]);
  // What a tutor may need today with no connection: kept by the service worker.
  const offlineUrls = [
    '/tutor',
    ...sessions.map((s) => `/tutor/sessions/${s.id}`),
    ...new Set(sessions.map((s) => `/tutor/groups/${s.groupId}/probes`)),
    ...unlogged.slice(0, 10).map((s) => `/tutor/sessions/${s.id}`),
    '/tutor/week',
    '/tutor/students',
  ];
  return (
    <>
      <KeepOffline urls={offlineUrls} />
      <PageHeader title="Today" description={formatDay(today)} />
      {sessions.length === 0 ? (
        <EmptyState title="No sessions today" description="Sessions you tutor or cover appear here on the day." />
      ) : (
        <ol className="flex flex-col gap-3" aria-label="Today's sessions">
          {sessions.map((session) => (
            <li
              key={session.id}
              className={
                session.id === nextId
                  ? 'rounded-lg border-2 border-primary-600 bg-primary-50 p-5 shadow-md'
                  : 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm'
              }
            >
              {session.id === nextId ? (
                <p className="mb-1 text-sm font-bold uppercase tracking-wide text-primary-800">Next session</p>
              ) : null}
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className={session.id === nextId ? 'text-xl font-bold' : 'text-lg font-semibold'}>
                  {formatMinuteOfDay(session.startMinute)} · {session.group.name}
                </h2>
                <span className="flex flex-wrap items-center gap-2">
                  <PendingLogMark sessionId={session.id} />
                  <SessionStatusBadge status={session.status.toLowerCase() as 'scheduled' | 'held' | 'cancelled'} />
                </span>
              </div>
              <p className="text-sm text-slate-700">
                {session.plannedMinutes} minutes{session.group.room ? ` · ${session.group.room}` : ''} ·{' '}
                {session.group.site.name}
                {session.substituteTutorId === user.id ? ' · You are covering this session' : ''}
              </p>
              <p className="mt-1 text-sm text-slate-700">
                {session.group.memberships.map((m) => `${m.student.firstName} ${m.student.lastName}`).join(', ') ||
                  'No students placed'}
              </p>
              <div className="mt-3 flex flex-wrap gap-2">
                <ButtonLink
                  href={`/tutor/sessions/${session.id}`}
                  variant={session.status === 'SCHEDULED' ? 'primary' : 'secondary'}
                  size="lg"
                >
                  {session.status === 'SCHEDULED' ? 'Log session' : 'Edit log'}
                  <span className="sr-only"> {session.group.name}</span>
                </ButtonLink>
                <ButtonLink href={`/tutor/groups/${session.groupId}/probes`} variant="secondary" size="lg">
                  Probes<span className="sr-only"> for {session.group.name}</span>
                </ButtonLink>
              </div>
            </li>
          ))}
        </ol>
      )}
      {unlogged.length ? (
        <section aria-labelledby="unlogged-heading" className="mt-8">
          <h2 id="unlogged-heading" className="mb-3 text-xl font-semibold">
            Still to log ({unlogged.length})
          </h2>
          <ul className="flex flex-col gap-2">
            {unlogged.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-warning-200 bg-warning-50 p-3"
              >
                <span>
                  {formatDay(s.date)} · {formatMinuteOfDay(s.startMinute)} · {s.group.name}
                </span>
                <ButtonLink href={`/tutor/sessions/${s.id}`} variant="secondary">
                  Log it
                  <span className="sr-only">
                    {' '}
                    ({s.group.name}, {formatDay(s.date)})
                  </span>
                </ButtonLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Card title="Your sessions in your phone's calendar" className="mt-8">
        <CalendarFeed activeSince={feed ? feed.createdAt.toISOString().slice(0, 10) : null} />
      </Card>
    </>
  );
}
