// Substitutes and tutor changes: who teaches which sessions. A substitute covers
// unlogged sessions only; a logged session keeps the tutor who delivered it.
import type { Prisma } from '@/lib/generated/prisma/client';
import { ActionError } from '@/lib/actions/result';
import { formatMinuteOfDay } from '@/lib/dates';

type Tx = Prisma.TransactionClient;

/** An active tutor assigned to the site, or a clear refusal. */
export async function requireSiteTutor(tx: Tx, tutorId: string, siteId: string, field = 'tutorId') {
  const tutor = await tx.user.findUnique({
    where: { id: tutorId },
    select: { id: true, name: true, role: true, active: true, sites: { select: { siteId: true } }, tutorProfile: true },
  });
  if (
    !tutor ||
    tutor.role !== 'TUTOR' ||
    !tutor.active ||
    !tutor.tutorProfile ||
    !tutor.sites.some((s) => s.siteId === siteId)
  ) {
    throw new ActionError('Choose an active tutor of this site.', {
      [field]: ['Choose an active tutor of this site.'],
    });
  }
  return { ...tutor, tutorProfile: tutor.tutorProfile };
}

interface SessionSlot {
  id: string;
  date: Date;
  startMinute: number;
  plannedMinutes: number;
}

/**
 * Sessions the tutor already delivers that overlap any of `slots` in time: their own
 * groups' sessions (unless covered by someone else) and sessions they cover.
 */
export async function tutorClashes(
  tx: Tx,
  tutorId: string,
  slots: SessionSlot[],
  ignoreGroupId: string,
): Promise<string[]> {
  if (slots.length === 0) return [];
  const dates = [...new Set(slots.map((s) => s.date.toISOString().slice(0, 10)))].map(
    (d) => new Date(`${d}T00:00:00Z`),
  );
  const busy = await tx.session.findMany({
    where: {
      date: { in: dates },
      groupId: { not: ignoreGroupId },
      status: { not: 'CANCELLED' },
      OR: [{ substituteTutorId: tutorId }, { substituteTutorId: null, group: { primaryTutorId: tutorId } }],
    },
    select: { date: true, startMinute: true, plannedMinutes: true, group: { select: { name: true } } },
  });
  const clashes: string[] = [];
  for (const slot of slots) {
    for (const b of busy) {
      if (b.date.getTime() !== slot.date.getTime()) continue;
      if (
        slot.startMinute < b.startMinute + b.plannedMinutes &&
        b.startMinute < slot.startMinute + slot.plannedMinutes
      ) {
        clashes.push(`${b.date.toISOString().slice(0, 10)} ${formatMinuteOfDay(b.startMinute)}: ${b.group.name}`);
      }
    }
  }
  return [...new Set(clashes)];
}
