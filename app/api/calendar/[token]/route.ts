// The ICS feed a phone or Google/Outlook calendar subscribes to. No session: the
// unguessable token in the address is the credential (revocable by the tutor).
import { feedFor } from '@/lib/feed/feed';
import { defineRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = defineRoute<{ token: string }>('calendar feed', async (_request, { token }) => {
  const text = await feedFor(token.replace(/\.ics$/, ''));
  if (!text)
    return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(text, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="tutoring-sessions.ics"',
      'Cache-Control': 'private, max-age=300',
      'X-Robots-Tag': 'noindex',
    },
  });
});
