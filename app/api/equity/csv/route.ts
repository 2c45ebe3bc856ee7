// One equity table as a CSV download: the same authorization as the page (district
// admins and leaders), the same filters, the same suppressed cells, figures as numbers,
// CSV-injection-safe.
import { z } from 'zod';
import { refusedDateParam } from '@/lib/dates';
import { authorize } from '@/lib/auth/guards';
import { tableDownload } from '@/lib/reports/csv';
import { EQUITY_TABLES, equityContext, servedEquityView } from '@/lib/equity/view';
import { defineRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = defineRoute('equity csv', async (request) => {
  await authorize('district.view');
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const dimension = z.enum(EQUITY_TABLES).safeParse(params.table);
  if (!dimension.success) return Response.json({ message: 'Name one of the equity tables.' }, { status: 400 });
  const badDate = refusedDateParam(params, ['from', 'to']);
  if (badDate) return Response.json({ message: badDate }, { status: 400 });
  const context = await equityContext(params);
  if (!context.filters) return Response.json({ message: 'No tutoring cycle exists yet.' }, { status: 404 });
  const view = (await servedEquityView({ ...context, filters: context.filters })).value;
  const table = view.tables.find((t) => t.id === dimension.data)!;
  return tableDownload(table, 'equity', table.id, context.filters.fromWeek, context.filters.toWeek);
});
