import type { Metadata } from 'next';
import { SessionStatusBadge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage, substituteReaches } from '@/lib/auth/guards';
import type { IsoDate } from '@/lib/dates';
import { formatDay, formatMinuteOfDay } from '@/lib/dates';
import { tutorWeek } from '@/lib/tutor/queries';

export const metadata: Metadata = { title: 'This week' };

export default async function TutorWeekPage() {
  const user = await authorizePage('tutor.view', undefined, '/tutor/week');
  const { today, monday, sessions } = await tutorWeek(user.id);
  const days = [...new Set(sessions.map((s) => s.date))];
  return (
    <>
      <PageHeader title="This week" description={`Your sessions from ${formatDay(monday)}, including any you cover.`} />
      {sessions.length === 0 ? (
        <EmptyState title="No sessions this week" />
      ) : (
        <div className="flex flex-col gap-6">
          {days.map((day) => (
            <section key={day} aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`} className="mb-2 text-lg font-semibold">
                {formatDay(day)}
                {day === today ? ' (today)' : ''}
              </h2>
              <ul className="flex flex-col gap-2">
                {sessions
                  .filter((s) => s.date === day)
                  .map((s) => (
                    <li
                      key={s.id}
                      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3"
                    >
                      <span>
                        <span className="font-semibold">
                          {formatMinuteOfDay(s.startMinute)} · {s.group.name}
                        </span>
                        <span className="block text-sm text-slate-700">
                          {s.plannedMinutes} min{s.group.room ? ` · ${s.group.room}` : ''}
                          {s.substituteTutorId === user.id ? ' · you are covering' : ''}
                        </span>
                      </span>
                      <span className="flex items-center gap-2">
                        <SessionStatusBadge status={s.status.toLowerCase() as 'scheduled' | 'held' | 'cancelled'} />
                        {(s.date <= today || s.status === 'SCHEDULED') &&
                        (s.substituteTutorId !== user.id || substituteReaches(s.date as IsoDate, today)) ? (
                          <ButtonLink href={`/tutor/sessions/${s.id}`} variant="secondary">
                            {s.status === 'SCHEDULED' ? (s.date <= today ? 'Log' : 'Cancel ahead') : 'Edit log'}
                            <span className="sr-only">
                              {' '}
                              {s.group.name}, {formatDay(s.date)}
                            </span>
                          </ButtonLink>
                        ) : null}
                      </span>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
