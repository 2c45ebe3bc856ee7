// The example supports and screener CSV, as a download.
import { authorize } from '@/lib/auth/guards';
import { defineRoute } from '@/lib/http/route';
import { supportsExampleCsv } from '@/lib/roster';

export const dynamic = 'force-dynamic';

export const GET = defineRoute('supports template', async () => {
  await authorize('roster.batch.manage');
  return new Response(supportsExampleCsv(), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="supports-and-screeners-example.csv"',
      'Cache-Control': 'no-store',
    },
  });
});
