// The ICS feed a phone or Google/Outlook calendar subscribes to. No session: the
// unguessable token in the address is the credential (revocable by the tutor).
import { feedFor } from '@/lib/feed/feed';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
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
}
