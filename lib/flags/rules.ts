// Early-warning flags for a placed student (DOMAIN.md, Policy): the pure decisions.
// The loaders in ./students.ts gather the rows; these say what they mean.
import { daysBetween, type IsoDate } from '@/lib/dates';

export type FlagKind = 'absences' | 'low_dose' | 'no_probe' | 'below_aim';

export interface Flag {
  kind: FlagKind;
  message: string;
}

export const flagLabels: Record<FlagKind, string> = {
  absences: 'Consecutive absences',
  low_dose: 'Low dose',
  no_probe: 'No recent probe',
  below_aim: 'Below aim line',
};

export interface FlagPolicy {
  today: IsoDate;
  consecutiveAbsences: number;
  doseRatePercent: number;
  doseWindowWeeks: number;
  noProbeWeeks: number;
  probesBelowAim: number;
}

/** Absences at the end of a student's attendance in held sessions (oldest first). */
export function trailingAbsences(statuses: readonly string[]): number {
  let n = 0;
  for (let i = statuses.length - 1; i >= 0 && statuses[i]!.startsWith('ABSENT'); i--) n++;
  return n;
}

/** The aim line's value on a date: from the pre score on the placement date to the goal on the goal date. */
export function aimOn(
  date: IsoDate,
  aim: { start: IsoDate; pre: number; goalDate: IsoDate; goal: number; lowerIsBetter?: boolean },
): number {
  const span = daysBetween(aim.start, aim.goalDate);
  if (span <= 0) return aim.goal;
  const t = Math.min(Math.max(daysBetween(aim.start, date), 0), span);
  return aim.pre + ((aim.goal - aim.pre) * t) / span;
}

/**
 * How many of the latest progress/post scores in a row are behind the aim line: below
 * it, or above it on a measure where lower scores are better (errors, seconds).
 */
export function belowAimStreak(
  scores: readonly { date: IsoDate; score: number }[],
  aim: Parameters<typeof aimOn>[1],
): number {
  let n = 0;
  const behind = (s: { date: IsoDate; score: number }) =>
    aim.lowerIsBetter ? s.score > aimOn(s.date, aim) : s.score < aimOn(s.date, aim);
  for (let i = scores.length - 1; i >= 0 && behind(scores[i]!); i--) n++;
  return n;
}

export interface StudentEvidence {
  attendance: readonly string[];
  dose: { scheduled: number; delivered: number };
  placedOn: IsoDate;
  lastProbeOn: IsoDate | null;
  aim: Parameters<typeof aimOn>[1] | null;
  progress: readonly { date: IsoDate; score: number }[];
}

export function studentFlags(e: StudentEvidence, p: FlagPolicy): Flag[] {
  const flags: Flag[] = [];
  const absent = trailingAbsences(e.attendance);
  if (absent >= p.consecutiveAbsences)
    flags.push({ kind: 'absences', message: `Absent the last ${absent} sessions in a row` });
  if (e.dose.scheduled > 0) {
    const rate = Math.round((e.dose.delivered / e.dose.scheduled) * 100);
    if (rate < p.doseRatePercent)
      flags.push({
        kind: 'low_dose',
        message: `Dose ${rate}% over the last ${p.doseWindowWeeks} weeks (${e.dose.delivered} of ${e.dose.scheduled} min)`,
      });
  }
  const since = e.lastProbeOn && e.lastProbeOn > e.placedOn ? e.lastProbeOn : e.placedOn;
  if (daysBetween(since, p.today) >= p.noProbeWeeks * 7) {
    flags.push({
      kind: 'no_probe',
      message: e.lastProbeOn ? `No probe since ${e.lastProbeOn}` : `No probe since placement on ${e.placedOn}`,
    });
  }
  if (e.aim && belowAimStreak(e.progress, e.aim) >= p.probesBelowAim) {
    flags.push({
      kind: 'below_aim',
      message: `Last ${p.probesBelowAim} scores below the aim line: the intervention may need changing`,
    });
  }
  return flags;
}
