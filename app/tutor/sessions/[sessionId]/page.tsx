import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LogSessionForm } from '@/components/tutor/log-session-form';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { formatDay, formatMinuteOfDay } from '@/lib/dates';
import { sessionForLog } from '@/lib/tutor/queries';

export const metadata: Metadata = { title: 'Log session' };

export default async function LogSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await authorizePage('session.log', { sessionId }, `/tutor/sessions/${sessionId}`);
  const session = /^[0-9a-f-]{36}$/i.test(sessionId) ? await sessionForLog(sessionId, user.id) : null;
  if (!session) notFound();
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
        ahead={session.ahead}
        label={`${session.group.name} · ${formatDay(session.date)} ${formatMinuteOfDay(session.startMinute)}`}
        session={session.form}
      />
    </>
  );
}
