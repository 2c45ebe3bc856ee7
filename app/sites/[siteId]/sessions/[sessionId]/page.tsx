import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LogSessionForm } from '@/components/tutor/log-session-form';
import { OutboxPanel, OutboxProvider } from '@/components/tutor/outbox';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { formatDay, formatMinuteOfDay } from '@/lib/dates';
import { sessionForLog } from '@/lib/tutor/queries';

export const metadata: Metadata = { title: 'Log a session for the tutor' };

/**
 * A coordinator logs a session for the tutor who delivers it (the to-do queue's past
 * sessions still to log): the tutor's own form, plus why (kept in the audit trail).
 */
export default async function LogForTutorPage({ params }: { params: Promise<{ siteId: string; sessionId: string }> }) {
  const { siteId, sessionId } = await params;
  const href = `/sites/${siteId}/sessions/${sessionId}`;
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) notFound();
  // The site's page (its layout checks too, but a page must not rely on its layout).
  await authorizePage('site.view', { siteId }, href);
  const user = await authorizePage('session.log', { sessionId }, href);
  const session = await sessionForLog(sessionId, null);
  if (!session || session.group.siteId !== siteId) notFound();
  const tutorName = (session.substituteTutor ?? session.group.primaryTutor).name;
  const when = `${formatDay(session.date)} ${formatMinuteOfDay(session.startMinute)}`;
  // The entry goes through this browser's outbox, as a tutor's does: kept if the connection drops.
  return (
    <OutboxProvider userId={user.id}>
      <OutboxPanel />
      <PageHeader
        title={`Log for ${tutorName}: ${session.group.name}`}
        description={`${when} · ${session.plannedMinutes} min · taught by ${tutorName}${session.loggedAt ? ' · already logged: saving again keeps the earlier entry in the audit trail' : ''}`}
      />
      <LogSessionForm
        ahead={session.ahead}
        label={`${session.group.name} · ${when}`}
        onBehalf={{ tutorName, href, returnTo: `/sites/${siteId}` }}
        session={session.form}
      />
    </OutboxProvider>
  );
}
