// A dashboard table as a CSV download: the same target check as the page, the same
// filters, the same cells (exact operational figures, as numbers).
import { z } from 'zod';
import { refusedDateParam } from '@/lib/dates';
import { authorizeDashboard, type DashboardTarget } from '@/lib/dashboard/access';
import { tableDownload } from '@/lib/reports/csv';
import { dashboardContext, servedScopeView } from '@/lib/dashboard/queries';
import { studentView } from '@/lib/dashboard/student';
import { TABLE_IDS } from '@/lib/dashboard/tables';
import { defineRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const targetSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('district') }),
  z.object({ view: z.literal('site'), siteId: z.string() }),
  z.object({ view: z.literal('group'), siteId: z.string(), groupId: z.string() }),
  z.object({ view: z.literal('student'), siteId: z.string(), studentId: z.string() }),
]);

export const GET = defineRoute('dashboard csv', async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const target = targetSchema.safeParse(params);
  const badDate = refusedDateParam(params, ['from', 'to']);
  if (badDate) return Response.json({ message: badDate }, { status: 400 });
  const table = z.enum(TABLE_IDS).safeParse(params.table);
  if (!target.success || !table.success)
    return Response.json({ message: 'Name a view and one of its tables.' }, { status: 400 });
  const { view, ...ids } = target.data;
  const dashboardTarget = { level: view, ...ids } as DashboardTarget;
  await authorizeDashboard(dashboardTarget);
  const context = await dashboardContext(dashboardTarget, params);
  if (!context.filters) return Response.json({ message: 'No tutoring cycle exists yet.' }, { status: 404 });
  const withFilters = { ...context, filters: context.filters };
  const tables =
    dashboardTarget.level === 'student'
      ? (await studentView(dashboardTarget, withFilters)).tables
      : (await servedScopeView(dashboardTarget, withFilters)).value.tables;
  const found = tables.find((t) => t.id === table.data);
  if (!found) return Response.json({ message: 'This view has no such table.' }, { status: 404 });
  return tableDownload(found, view, found.id, context.filters.fromWeek, context.filters.toWeek);
});
