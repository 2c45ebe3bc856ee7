'use server';

// Probe scores from the tablet, for one student or the whole group, on the group's
// measure; idempotent by client id like session logs.
import { districtToday } from '@/lib/settings/district';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import { fromIsoDate } from '@/lib/sessions/schedule';
import { recordProbesSchema } from './schemas';

export interface ProbeResult {
  recorded: number;
  message: string;
}

const KIND_WORDS = { PRE: 'pre', PROGRESS: 'progress', POST: 'post' } as const;

export const recordProbesAction = defineAction({
  name: 'probes.record',
  permission: 'probes.record',
  input: recordProbesSchema,
  // A substitute may date probes only inside the window of a session they cover (lib/auth/guards.ts).
  scope: (input) => ({ groupId: input.groupId, on: input.administeredOn }),
  async run({ tx, user, input, audit }): Promise<ProbeResult> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.clientId}))`;
    const receipt = await tx.syncReceipt.findUnique({ where: { clientId: input.clientId } });
    if (receipt) {
      if (receipt.userId !== user.id || receipt.entityId !== input.groupId)
        throw new ActionError('That entry id was already used for something else. Discard this entry.');
      return receipt.response as unknown as ProbeResult;
    }
    const group = await tx.group.findUniqueOrThrow({
      where: { id: input.groupId },
      select: { name: true, siteId: true, probeMeasure: true, measure: { select: { maxScore: true } } },
    });
    if (input.administeredOn > (await districtToday(tx))) {
      throw new ActionError('A probe cannot be dated in the future.', {
        administeredOn: ['Choose today or an earlier date.'],
      });
    }
    // A measure with a fixed scale on the district's list sets the maximum; else the tutor may give one.
    const maxScore = group.measure.maxScore !== null ? Number(group.measure.maxScore) : (input.maxScore ?? null);
    if (maxScore !== null && input.scores.some((s) => s.score > maxScore)) {
      const message = `${group.probeMeasure} is scored out of ${maxScore}; a score is above that.`;
      throw new ActionError(message, { scores: [message] });
    }
    const on = fromIsoDate(input.administeredOn);
    const memberships = await tx.membership.findMany({
      where: {
        groupId: input.groupId,
        studentId: { in: input.scores.map((s) => s.studentId) },
        startDate: { lte: on },
        OR: [{ endDate: null }, { endDate: { gte: on } }],
      },
      select: { id: true, studentId: true },
    });
    const membershipOf = new Map(memberships.map((m) => [m.studentId, m.id]));
    if (input.scores.some((s) => !membershipOf.has(s.studentId))) {
      throw new ActionError(`A student was not in ${group.name} on ${input.administeredOn}. Reload the page.`, {
        scores: ['A student was not in the group on that date.'],
      });
    }
    await tx.probe.createMany({
      data: input.scores.map((s) => ({
        studentId: s.studentId,
        groupId: input.groupId,
        membershipId: membershipOf.get(s.studentId)!,
        measure: group.probeMeasure,
        kind: input.kind,
        score: s.score,
        maxScore,
        administeredOn: on,
        tutorId: user.role === 'TUTOR' ? user.id : null,
      })),
    });
    const result: ProbeResult = {
      recorded: input.scores.length,
      message: `Recorded ${input.scores.length} ${KIND_WORDS[input.kind]} score${input.scores.length === 1 ? '' : 's'} on ${group.probeMeasure} for ${group.name}.`,
    };
    await tx.syncReceipt.create({
      data: {
        clientId: input.clientId,
        userId: user.id,
        action: 'probes.record',
        entityId: input.groupId,
        response: JSON.parse(JSON.stringify(result)),
      },
    });
    await audit({
      entityType: 'group',
      entityId: input.groupId,
      siteId: group.siteId,
      after: {
        probes: input.scores,
        kind: input.kind,
        administeredOn: input.administeredOn,
        measure: group.probeMeasure,
        maxScore,
      },
    });
    revalidatePath('/tutor', 'layout');
    return result;
  },
});
