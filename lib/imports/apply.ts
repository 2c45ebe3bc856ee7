// Applying a staged batch inside the action's transaction: the plan is worked out
// again on the database as it is now (someone may have changed it since the
// preview), then written in bulk.
import 'server-only';
import { districtToday } from '@/lib/settings/district';
import { ActionError } from '@/lib/actions/result';
import type { Prisma } from '@/lib/generated/prisma/client';
import { clip } from './files';
import { progressReporter } from './progress';
import { describeLargeWithdrawals, planRoster } from './roster-plan';
import { loadRosterStudents, loadScreeners, loadSites, loadSupportsStudents } from './snapshot';
import { planSupports } from './supports-plan';
import type { ImportPayload, ImportScope, RosterProblem } from './types';
import { rosterWriteTotal, writeRoster, type RosterWriteResult } from './write-roster';
import { supportsWriteTotal, writeSupports, type SupportsWriteResult } from './write-supports';

type Tx = Prisma.TransactionClient;

export type ApplyResult = ({ kind: 'oneroster' } & RosterWriteResult) | ({ kind: 'supports' } & SupportsWriteResult);

function refuseNewErrors(problems: RosterProblem[]): void {
  const error = problems.find((p) => p.severity === 'error');
  if (error) {
    const where = `${clip(error.file, 200)} line ${error.line ?? '–'}`;
    throw new ActionError(
      `The database changed since the preview (${where}: ${clip(error.reason, 300)}) Upload the files again.`,
    );
  }
}

export async function applyPayload(
  tx: Tx,
  batchId: string,
  payload: ImportPayload,
  scope: ImportScope,
  actorId: string | null,
  { confirmWithdrawals = false, skipInvalid = false }: { confirmWithdrawals?: boolean; skipInvalid?: boolean } = {},
): Promise<{ result: ApplyResult; total: number }> {
  if (payload.kind === 'oneroster') {
    const sites = await loadSites(tx, scope);
    // Applying the valid rows only: students on a users-file line with an error stay out.
    const invalid = new Set(skipInvalid ? (payload.invalidLines ?? []) : []);
    const rows = invalid.size
      ? {
          ...payload,
          students: payload.students.filter((s) => !invalid.has(s.line)),
          deleted: payload.deleted.filter((s) => !invalid.has(s.line)),
        }
      : payload;
    const plan = planRoster(rows, scope, sites, await loadRosterStudents(tx, rows, sites, scope));
    // Rows the plan refuses were in the preview too; with the valid rows only, they stay out.
    if (!skipInvalid) refuseNewErrors(plan.problems);
    if (plan.largeWithdrawals.length && !confirmWithdrawals) {
      const message = `This full file would withdraw ${describeLargeWithdrawals(plan.largeWithdrawals)}, and end ${plan.placementsEnding} placement${plan.placementsEnding === 1 ? '' : 's'}. Confirm the withdrawals to apply it, or upload a complete export.`;
      throw new ActionError(message, { confirmWithdrawals: [message] });
    }
    const total = rosterWriteTotal(plan);
    const written = await writeRoster(
      tx,
      plan,
      await districtToday(tx),
      progressReporter(batchId, total),
      actorId,
      scope,
    );
    return { result: { kind: 'oneroster', ...written }, total };
  }
  const students = await loadSupportsStudents(tx, payload, scope);
  const plan = planSupports(
    payload,
    students,
    await loadScreeners(
      tx,
      students.map((s) => s.id),
    ),
  );
  const total = supportsWriteTotal(plan);
  const written = await writeSupports(tx, plan, progressReporter(batchId, total));
  return { result: { kind: 'supports', ...written }, total };
}

/** One sentence for the person who applied it. */
export function describeResult(result: ApplyResult): string {
  if (result.kind === 'supports') {
    return `Applied: ${result.studentsUpdated} students' supports updated, ${result.screenersCreated} screener results added, ${result.screenersUpdated} corrected.`;
  }
  const sites =
    result.sitesCreated + result.sitesUpdated > 0
      ? ` ${result.sitesCreated} sites created, ${result.sitesUpdated} updated;`
      : '';
  const ended = result.placementsEnded
    ? ` (${result.placementsEnded} placement${result.placementsEnded === 1 ? '' : 's'} ended)`
    : '';
  const staff = result.staffListed
    ? ` ${result.staffListed} teacher${result.staffListed === 1 ? '' : 's'} and staff listed as tutor candidates.`
    : '';
  return `Applied:${sites} ${result.studentsCreated} students added, ${result.studentsUpdated} updated, ${result.studentsWithdrawn} withdrawn${ended}.${staff}`;
}
