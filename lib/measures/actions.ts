'use server';

// The district's list of probe measures: admins add, correct, retire and merge them.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/action';
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import { subjectLabels } from '@/lib/placement/priority';
import { measureKey } from './names';
import { createMeasureSchema, mergeMeasureSchema, updateMeasureSchema } from './schemas';

type Tx = Prisma.TransactionClient;

const DIRECTION_WORDS = { HIGHER_IS_BETTER: 'higher is better', LOWER_IS_BETTER: 'lower is better' } as const;

/** The highest score recorded on a measure, or null with none. */
async function highestScore(tx: Tx, name: string): Promise<number | null> {
  const top = await tx.probe.aggregate({ where: { measure: name }, _max: { score: true } });
  return top._max.score === null ? null : Number(top._max.score);
}

/** Two spellings of one name cannot both be listed: say which one is there. */
async function refuseSameName(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const same = await tx.probeMeasure.findFirst({
    where: { nameKey: measureKey(name), ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (same) {
    const message =
      same.name === name
        ? `${name} is already on the list.`
        : `“${same.name}” is already on the list; “${name}” differs only in case or spacing. To combine two measures, merge one into the other.`;
    throw new ActionError(message, { name: [message] });
  }
}

export const createMeasureAction = defineAction({
  name: 'measures.create',
  permission: 'measures.manage',
  input: createMeasureSchema,
  async run({ tx, input, audit }) {
    // One admin's add waits for another's, so the name check below sees it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('probe_measure'))`;
    await refuseSameName(tx, input.name);
    const measure = await tx.probeMeasure.create({
      data: {
        name: input.name,
        nameKey: measureKey(input.name),
        subject: input.subject,
        maxScore: input.maxScore ?? null,
        direction: input.direction,
        benchmark: input.benchmark ?? null,
      },
      select: { id: true },
    });
    await audit({ entityType: 'probe_measure', entityId: measure.id, after: input });
    revalidatePath('/district/measures');
    return {
      measureId: measure.id,
      message: `Added ${input.name} to the ${subjectLabels[input.subject]} measures (${DIRECTION_WORDS[input.direction]}).`,
    };
  },
});

export const updateMeasureAction = defineAction({
  name: 'measures.update',
  permission: 'measures.manage',
  input: updateMeasureSchema,
  async run({ tx, input, audit }) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('probe_measure'))`;
    const before = await tx.probeMeasure.findUnique({
      where: { id: input.measureId },
      select: { name: true, subject: true, maxScore: true, direction: true, benchmark: true, active: true },
    });
    if (!before) throw new ActionError('That measure is no longer on the list. Reload the page.');
    await refuseSameName(tx, input.name, input.measureId);
    if (input.subject !== before.subject) {
      const groups = await tx.group.count({ where: { probeMeasure: before.name, subject: { not: input.subject } } });
      if (groups) {
        const message = `${groups} ${subjectLabels[before.subject]} group${groups === 1 ? ' uses' : 's use'} this measure, so its subject stays ${subjectLabels[before.subject]}.`;
        throw new ActionError(message, { subject: [message] });
      }
    }
    if (input.maxScore !== undefined) {
      const highest = await highestScore(tx, before.name);
      if (highest !== null && highest > input.maxScore) {
        const message = `A score of ${highest} is already recorded on this measure; the maximum cannot be below it.`;
        throw new ActionError(message, { maxScore: [message] });
      }
    }
    // A new name follows to the groups (foreign key) and to the scores (trigger probe_measure_renamed).
    await tx.probeMeasure.update({
      where: { id: input.measureId },
      data: {
        name: input.name,
        nameKey: measureKey(input.name),
        subject: input.subject,
        maxScore: input.maxScore ?? null,
        direction: input.direction,
        benchmark: input.benchmark ?? null,
        active: input.active,
      },
    });
    const { measureId, ...after } = input;
    await audit({
      entityType: 'probe_measure',
      entityId: measureId,
      before: {
        ...before,
        maxScore: before.maxScore?.toString() ?? null,
        benchmark: before.benchmark?.toString() ?? null,
      },
      after,
    });
    revalidatePath('/', 'layout');
    return { message: `Saved ${input.name}${input.active ? '' : ' (retired: new groups cannot pick it)'}.` };
  },
});

export const mergeMeasureAction = defineAction({
  name: 'measures.merge',
  permission: 'measures.manage',
  input: mergeMeasureSchema,
  async run({ tx, input, audit }) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('probe_measure'))`;
    const [from, into] = await Promise.all(
      [input.measureId, input.intoId].map((id) =>
        tx.probeMeasure.findUnique({ where: { id }, select: { name: true, subject: true, maxScore: true } }),
      ),
    );
    if (!from || !into) throw new ActionError('One of those measures is no longer on the list. Reload the page.');
    if (from.subject !== into.subject) {
      const message = `${from.name} (${subjectLabels[from.subject]}) and ${into.name} (${subjectLabels[into.subject]}) are in different subjects: they cannot be merged.`;
      throw new ActionError(message, { intoId: [message] });
    }
    if (into.maxScore !== null) {
      const highest = await highestScore(tx, from.name);
      if (highest !== null && highest > Number(into.maxScore)) {
        const message = `A score of ${highest} is recorded on ${from.name}, above ${into.name}'s maximum of ${Number(into.maxScore)}.`;
        throw new ActionError(message, { intoId: [message] });
      }
    }
    const groups = await tx.group.updateMany({ where: { probeMeasure: from.name }, data: { probeMeasure: into.name } });
    const probes = await tx.probe.updateMany({ where: { measure: from.name }, data: { measure: into.name } });
    await tx.probeMeasure.delete({ where: { id: input.measureId } });
    await audit({
      entityType: 'probe_measure',
      entityId: input.measureId,
      before: { name: from.name },
      after: { mergedInto: into.name, intoId: input.intoId, groups: groups.count, probes: probes.count },
    });
    // No revalidation: this measure's own page (where the merge is made) no longer exists;
    // the form goes to the list, which is read fresh.
    return {
      message: `Merged ${from.name} into ${into.name}: ${groups.count} group${groups.count === 1 ? '' : 's'} and ${probes.count} score${probes.count === 1 ? '' : 's'} moved.`,
    };
  },
});
