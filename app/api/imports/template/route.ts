// The example supports and screener CSV, as a download.
import { authorize } from '@/lib/auth/guards';
import { errorResponse } from '@/lib/imports/http';
import { supportsExampleCsv } from '@/lib/roster';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    await authorize('roster.batch.manage');
    return new Response(supportsExampleCsv(), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="supports-and-screeners-example.csv"',
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
