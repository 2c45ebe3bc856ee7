import { db } from '@/lib/db';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LogSessionForm } from '@/components/tutor/log-session-form';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { formatDay, formatMinuteOfDay } from '@/lib/dates';
import { sessionForLog } from '@/lib/tutor/queries';
import { districtTimeZone } from '@/lib/settings/district';
import { localDate } from '@/lib/dates/zone';

export const metadata: Metadata = { title: 'Log session' };

export default async function LogSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await authorizePage('session.log', { sessionId }, `/tutor/sessions/${sessionId}`);
  const session = /^[0-9a-f-]{36}$/i.test(sessionId) ? await sessionForLog(sessionId, user.id) : null;
  if (!session) notFound();
  const ahead = session.date > localDate(await districtTimeZone(db));
  return (
    <>
      <PageHeader
        title={session.group.name}
        description={
          <>
            <time dateTime={session.date}>{formatDay(session.date)}</time>
            {` · ${formatMinuteOfDay(session.startMinute)} · ${session.plannedMinutes} min${session.group.room ? ` · ${session.group.room}` : ''}${session.loggedAt ? ' · already logged: saving again keeps the earlier entry in the audit trail' : ''}`}
          </>
        }
      />
      <LogSessionForm
        ahead={ahead}
        label={`${session.group.name} · ${formatDay(session.date)} ${formatMinuteOfDay(session.startMinute)}`}
        session={{
          id: session.id,
          plannedMinutes: session.plannedMinutes,
          status: session.status,
          cancellationReason: session.cancellationReason,
          actualMinutes: session.actualMinutes,
          note: session.note,
          students: session.students,
          attendance: session.attendance,
        }}
      />
    </>
  );
}
