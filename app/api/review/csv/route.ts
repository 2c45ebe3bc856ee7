// A table of the weekly operating review or of the cost view as a CSV download: the
// same permission and site scope as the page, the same data function, the same cells
// as lib/review/tables.ts gives the page (figures as numbers, exact where it rounds).
import { z } from 'zod';
import { refusedDateParam } from '@/lib/dates';
import { authorize } from '@/lib/auth/guards';
import { defineRoute } from '@/lib/http/route';
import { tableDownload } from '@/lib/reports/csv';
import { db } from '@/lib/db';
import { metricsPolicy } from '@/lib/metrics/scope';
import { servedCostView, resolveCostWindow } from '@/lib/review/costs';
import { COST_TABLE_IDS, costTables, WEEKLY_TABLE_IDS, weeklyReviewTables } from '@/lib/review/tables';
import { resolveWeek } from '@/lib/review/week';
import { servedWeeklyReview } from '@/lib/review/weekly';

export const dynamic = 'force-dynamic';

const targetSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('district'), table: z.enum(WEEKLY_TABLE_IDS) }),
  z.object({ view: z.literal('site'), siteId: z.string(), table: z.enum(WEEKLY_TABLE_IDS) }),
  z.object({ view: z.literal('costs'), table: z.enum(COST_TABLE_IDS) }),
]);

const answer = (status: number, message: string) => Response.json({ message }, { status });

export const GET = defineRoute('review csv', async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const target = targetSchema.safeParse(params);
  if (!target.success) return answer(400, 'Name a view (district, site or costs) and one of its tables.');
  const badDate = refusedDateParam(params, ['week', 'from', 'to']);
  if (badDate) return answer(400, badDate);
  const t = target.data;
  // As the pages: district.view for the district review and costs; site.view on that site (a coordinator's own only).
  if (t.view === 'site') await authorize('site.view', { siteId: t.siteId });
  else await authorize('district.view');
  const policy = await metricsPolicy(db);

  if (t.view === 'costs') {
    const range = await resolveCostWindow(params, policy.today);
    if (!range.cycle) return answer(404, 'No tutoring cycle exists yet.');
    const view = (await servedCostView({ cycleId: range.cycle.id, from: range.from, to: range.to, policy })).value;
    const found = costTables(view).find((x) => x.id === t.table);
    if (!found) return answer(404, 'No session was held in these dates, so this table is not shown.');
    return tableDownload(found, 'costs', found.id, range.from, range.to);
  }

  const { week } = resolveWeek(params.week, policy.today);
  const review = (await servedWeeklyReview({ week, siteIds: t.view === 'site' ? [t.siteId] : undefined, policy }))
    .value;
  const found = weeklyReviewTables(review, t.view).find((x) => x.id === t.table)!;
  return tableDownload(found, 'weekly-review', t.view, found.id, week);
});
