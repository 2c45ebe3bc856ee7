// The per-student CSV (district admins and leaders): student-level figures for staff
// with access to every student, so no suppression; each download writes one audit
// event before the file is sent. A bad form goes back to the page with its message.
import { authorize } from '@/lib/auth/guards';
import { csvFileName } from '@/lib/dashboard/csv';
import { errorResponse } from '@/lib/imports/http';
import { exportStudents, studentExportQuerySchema } from '@/lib/student-export/export';

export const dynamic = 'force-dynamic';

const PAGE = '/district/exports';

export async function GET(request: Request): Promise<Response> {
  try {
    const user = await authorize('district.view');
    const url = new URL(request.url);
    const params = Object.fromEntries(url.searchParams);
    const parsed = studentExportQuerySchema.safeParse(params);
    if (!parsed.success) {
      const back = new URL(PAGE, url);
      for (const key of ['from', 'to', 'site', 'subject']) if (params[key]) back.searchParams.set(key, params[key]);
      back.searchParams.set('invalid', '1');
      return new Response(null, { status: 303, headers: { Location: `${back.pathname}${back.search}`, 'Cache-Control': 'no-store' } });
    }
    const { csv, rows, exportId } = await exportStudents(user.id, parsed.data);
    const q = parsed.data;
    const name = csvFileName('students', q.from, q.to, q.subject ?? '', q.site ? 'one-site' : '');
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Export-Id': exportId,
        'X-Export-Rows': String(rows),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
