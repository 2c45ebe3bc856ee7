// The tablet outbox's way in: one entry per request, handed to the same server action
// a form would call (its validation, authorization, transaction and idempotency by
// client id). A plain endpoint rather than the action's own transport because an
// outbox can outlive a deployment (action ids change with each build) and must see
// every failure as an answer or as no answer, never as a page reload.
import { z } from 'zod';
import { sameOrigin } from '@/lib/imports/http';
import { logSessionAction } from '@/lib/logging/actions';
import { recordProbesAction } from '@/lib/logging/probe-actions';

export const dynamic = 'force-dynamic';

const entrySchema = z.object({
  kind: z.enum(['session-log', 'probes']),
  payload: z.record(z.string(), z.unknown()),
});

export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request))
    return Response.json({ ok: false, message: 'Entries can only be sent from the app itself.' }, { status: 403 });
  const parsed = entrySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json(
      { ok: false, message: 'This entry could not be read, so it cannot be sent. Discard it and enter it again.' },
      { status: 400 },
    );
  }
  const { kind, payload } = parsed.data;
  const result =
    kind === 'session-log'
      ? await logSessionAction(null, payload as never)
      : await recordProbesAction(null, payload as never);
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
