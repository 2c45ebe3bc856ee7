// Reading the district's measure list, and the check every group write makes against it.
import 'server-only';
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Subject } from '@/lib/generated/prisma/enums';
import { subjectLabels } from '@/lib/placement/priority';
import { measureDetail, type MeasureChoice } from './names';

type Reader = Prisma.TransactionClient;

export interface MeasureOption {
  name: string;
  subject: Subject;
  maxScore: number | null;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  benchmark: number | null;
}

export interface MeasureRow extends MeasureOption {
  id: string;
  active: boolean;
  groups: number;
  probes: number;
}

const num = (d: Prisma.Decimal | null): number | null => (d === null ? null : Number(d));

/** Every measure on the list, with how many groups use it and how many scores are recorded on it. */
export async function measureList(db: Reader): Promise<MeasureRow[]> {
  const [measures, probes] = await Promise.all([
    db.probeMeasure.findMany({
      orderBy: [{ subject: 'asc' }, { name: 'asc' }],
      include: { _count: { select: { groups: true } } },
    }),
    db.probe.groupBy({ by: ['measure'], _count: { _all: true } }),
  ]);
  const scored = new Map(probes.map((p) => [p.measure, p._count._all]));
  return measures.map((m) => ({
    id: m.id,
    name: m.name,
    subject: m.subject,
    maxScore: num(m.maxScore),
    direction: m.direction,
    benchmark: num(m.benchmark),
    active: m.active,
    groups: m._count.groups,
    probes: scored.get(m.name) ?? 0,
  }));
}

/** The measures a new group may pick (active ones), with the one a group already has when it is retired. */
export async function measureOptions(db: Reader, keep?: string): Promise<MeasureOption[]> {
  const rows = await db.probeMeasure.findMany({
    where: keep ? { OR: [{ active: true }, { name: keep }] } : { active: true },
    orderBy: [{ subject: 'asc' }, { name: 'asc' }],
    select: { name: true, subject: true, maxScore: true, direction: true, benchmark: true },
  });
  return rows.map((m) => ({ ...m, maxScore: num(m.maxScore), benchmark: num(m.benchmark) }));
}

/** One measure by name, for a group's pages and the probe form. */
export async function measureNamed(db: Reader, name: string): Promise<MeasureOption | null> {
  const m = await db.probeMeasure.findUnique({
    where: { name },
    select: { name: true, subject: true, maxScore: true, direction: true, benchmark: true },
  });
  return m ? { ...m, maxScore: num(m.maxScore), benchmark: num(m.benchmark) } : null;
}

/**
 * A group's measure must be on the list, in the group's subject, and active, unless
 * the group already has it (a retired measure stays on the groups that use it).
 */
export async function requireGroupMeasure(
  tx: Reader,
  name: string,
  subject: Subject,
  current?: string,
): Promise<MeasureOption> {
  const measure = await measureNamed(tx, name);
  if (!measure) {
    const message = `“${name}” is not on the district's list of probe measures. Choose one from the list.`;
    throw new ActionError(message, { probeMeasure: [message] });
  }
  if (measure.subject !== subject) {
    const message = `${measure.name} is on the ${subjectLabels[measure.subject]} list; this group is ${subjectLabels[subject]}.`;
    throw new ActionError(message, { probeMeasure: [message] });
  }
  if (name !== current && !(await tx.probeMeasure.count({ where: { name, active: true } }))) {
    const message = `${measure.name} is retired from the list. Choose another measure.`;
    throw new ActionError(message, { probeMeasure: [message] });
  }
  return measure;
}

/** The measures a group form offers: active ones, and the group's own when it is retired. */
export async function measureChoices(db: Reader, keep?: string): Promise<MeasureChoice[]> {
  return (await measureOptions(db, keep)).map((m) => ({ name: m.name, subject: m.subject, detail: measureDetail(m) }));
}
