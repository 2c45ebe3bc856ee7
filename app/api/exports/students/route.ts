// The per-student CSV: student-level figures for staff with access to the students,
// so no suppression; each download writes one audit event before the file is sent.
// District admins and leaders may export every site or one; a coordinator only one
// of their own sites (the site's groups). A bad form goes back to its page (the form
// says where it came from); any other bad request is a 400 with the reasons.
import { ForbiddenError } from '@/lib/auth/errors';
import { authorize, requireUser } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { csvDownload, csvFileName } from '@/lib/reports/csv';
import { defineRoute } from '@/lib/http/route';
import { exportStudents } from '@/lib/student-export/export';
import { studentExportQuerySchema } from '@/lib/student-export/form';
import { isUuid } from '@/lib/codes';

export const dynamic = 'force-dynamic';

export const GET = defineRoute('student export', async (request) => {
  const user = await requireUser();
  if (!can(user.role, 'site.view')) throw new ForbiddenError();
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  const parsed = studentExportQuerySchema.safeParse(params);
  if (!parsed.success) {
    if (params.origin !== 'site' && params.origin !== 'district') {
      const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
      return Response.json(
        { ok: false, message: `The export was not made. ${reasons.join(' ')}` },
        { status: 400, headers: { 'Cache-Control': 'no-store' } },
      );
    }
    const sitePage = params.origin === 'site' && isUuid(params.site ?? '');
    const back = new URL(
      sitePage ? `/sites/${params.site}/exports` : can(user.role, 'district.view') ? '/district/exports' : '/sites',
      url,
    );
    for (const key of ['from', 'to', 'site', 'subject'])
      if (params[key] && !(sitePage && key === 'site')) back.searchParams.set(key, params[key]);
    back.searchParams.set('invalid', '1');
    return new Response(null, {
      status: 303,
      headers: { Location: `${back.pathname}${back.search}`, 'Cache-Control': 'no-store' },
    });
  }
  const query = parsed.data;
  // Every site: district roles. One site: whoever may view that site (not found otherwise).
  if (query.site) await authorize('site.view', { siteId: query.site });
  else await authorize('district.view');
  const { csv, rows, exportId } = await exportStudents(user.id, query);
  const name = csvFileName('students', query.from, query.to, query.subject ?? '', query.site ? 'one-site' : '');
  return csvDownload(csv, name, { 'X-Export-Id': exportId, 'X-Export-Rows': String(rows) });
});
