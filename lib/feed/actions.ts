'use server';

// A tutor's private calendar link: "create" replaces any earlier link with a new one;
// "revoke" ends it. Either way the old address stops working at once.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/actions/action';
import { absoluteUrl } from '@/lib/users/tokens';
import { hashFeedToken, newFeedToken } from './feed';

export const setFeedAction = defineAction({
  name: 'calendar.feed.set',
  permission: 'tutor.view',
  input: z.object({ intent: z.enum(['create', 'revoke'], { error: 'Choose to create or revoke the link.' }) }),
  async run({ tx, user, input, audit }): Promise<{ url: string | null; message: string }> {
    const active = await tx.calendarFeed.findMany({
      where: { userId: user.id, revokedAt: null },
      select: { id: true },
    });
    await tx.calendarFeed.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    for (const f of active) await audit({ entityType: 'calendar_feed', entityId: f.id, after: { revoked: true } });
    revalidatePath('/tutor');
    if (input.intent === 'revoke') {
      return {
        url: null,
        message: active.length
          ? 'Your calendar link no longer works; subscribed calendars stop updating.'
          : 'You had no calendar link.',
      };
    }
    const token = newFeedToken();
    const feed = await tx.calendarFeed.create({
      data: { userId: user.id, tokenHash: hashFeedToken(token) },
      select: { id: true },
    });
    await audit({ entityType: 'calendar_feed', entityId: feed.id, after: { created: true, replaced: active.length } });
    return {
      url: await absoluteUrl(`/api/calendar/${token}.ics`),
      message: 'Your calendar link is ready. Copy it now: it is shown only once.',
    };
  },
});
