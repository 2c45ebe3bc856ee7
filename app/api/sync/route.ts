// The tablet outbox's way in: one entry per request, handed to the same server action
// a form would call (its validation, authorization, transaction and idempotency by
// client id). A plain endpoint rather than the action's own transport because an
// outbox can outlive a deployment (action ids change with each build) and must see
// every failure as an answer or as no answer, never as a page reload.
import { z } from 'zod';
import { defineRoute, sameOrigin } from '@/lib/http/route';
import { logSessionAction } from '@/lib/entries/actions';
import { recordProbesAction } from '@/lib/entries/probe-actions';
import type { OutboxKind, OutboxPayloads } from '@/lib/offline/outbox';

export const dynamic = 'force-dynamic';

/**
 * An entry as the outbox sends it (lib/offline/outbox.ts). Its payload is the action's
 * input, typed here and checked there: the action's own schema validates it and answers
 * with field errors the tablet shows, as it would to the form.
 */
const payloadFor = <K extends OutboxKind>() =>
  z.custom<OutboxPayloads[K]>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
const entrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session-log'), payload: payloadFor<'session-log'>() }),
  z.object({ kind: z.literal('probes'), payload: payloadFor<'probes'>() }),
]);

export const POST = defineRoute('sync', async (request) => {
  if (!sameOrigin(request))
    return Response.json({ ok: false, message: 'Entries can only be sent from the app itself.' }, { status: 403 });
  const parsed = entrySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json(
      { ok: false, message: 'This entry could not be read, so it cannot be sent. Discard it and enter it again.' },
      { status: 400 },
    );
  }
  const entry = parsed.data;
  const result =
    entry.kind === 'session-log'
      ? await logSessionAction(null, entry.payload)
      : await recordProbesAction(null, entry.payload);
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
});
