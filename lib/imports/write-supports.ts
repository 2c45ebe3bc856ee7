// Writes a supports plan inside the apply transaction: support flags with one
// UPDATE … FROM per chunk, screener results upserted on their unique key.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ProgressReporter } from './progress';
import type { SupportsPlan } from './supports-plan';
import { chunks } from './chunks';

type Tx = Prisma.TransactionClient;

export interface SupportsWriteResult {
  studentsUpdated: number;
  screenersCreated: number;
  screenersUpdated: number;
}

export function supportsWriteTotal(plan: SupportsPlan): number {
  return plan.flagUpdates.length + plan.screenerWrites.length;
}

export async function writeSupports(
  tx: Tx,
  plan: SupportsPlan,
  progress: ProgressReporter,
): Promise<SupportsWriteResult> {
  const result: SupportsWriteResult = { studentsUpdated: 0, screenersCreated: 0, screenersUpdated: 0 };
  let done = 0;
  for (const chunk of chunks(plan.flagUpdates)) {
    result.studentsUpdated += await tx.$executeRawUnsafe(
      `UPDATE student s SET "multilingualLearner" = v."multilingualLearner", iep = v.iep, "section504" = v."section504",
              "economicallyDisadvantaged" = v."economicallyDisadvantaged", foster = v.foster, homeless = v.homeless, "updatedAt" = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, "multilingualLearner" boolean, iep boolean, "section504" boolean,
              "economicallyDisadvantaged" boolean, foster boolean, homeless boolean)
        WHERE s.id = v.id`,
      JSON.stringify(chunk),
    );
    await progress.step('Supports', (done += chunk.length));
  }
  for (const chunk of chunks(plan.screenerWrites)) {
    // xmax = 0 only on a row this statement inserted: tells new results from corrected ones.
    const rows = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
      `INSERT INTO screener_result (id, "studentId", subject, measure, score, percentile, "testedOn")
       SELECT gen_random_uuid(), v."studentId", v.subject::"Subject", v.measure, v.score, v.percentile, v."testedOn"
         FROM jsonb_to_recordset($1::jsonb) AS v("studentId" uuid, subject text, measure text, score numeric, percentile int, "testedOn" date)
       ON CONFLICT ("studentId", subject, measure, "testedOn") DO UPDATE SET score = EXCLUDED.score, percentile = EXCLUDED.percentile
         WHERE screener_result.score IS DISTINCT FROM EXCLUDED.score OR screener_result.percentile IS DISTINCT FROM EXCLUDED.percentile
       RETURNING (xmax = 0) AS inserted`,
      JSON.stringify(chunk),
    );
    for (const row of rows) {
      if (row.inserted) result.screenersCreated++;
      else result.screenersUpdated++;
    }
    await progress.step('Screener results', (done += chunk.length));
  }
  return result;
}
