import type { Metadata } from 'next';
import { PrintButton } from '@/components/review/print-button';
import { WeekPicker } from '@/components/review/week-picker';
import { WeeklyReviewView } from '@/components/review/weekly-review';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { metricsPolicy } from '@/lib/metrics/scope';
import { recentWeeks, resolveWeek, weekLabel } from '@/lib/review/week';
import { SnapshotNotice } from '@/components/dashboard/snapshot-notice';
import { servedWeeklyReview } from '@/lib/review/weekly';
import { weekStart } from '@/lib/dates';

export const metadata: Metadata = { title: 'Weekly review' };

export default async function SiteWeeklyReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { siteId } = await params;
  const path = `/sites/${siteId}/weekly-review`;
  // Whoever may view the site: a coordinator only their own sites (others are not found).
  await authorizePage('site.view', { siteId }, path);
  const [policy, site] = await Promise.all([
    metricsPolicy(db),
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
  ]);
  const { week, ignored } = resolveWeek((await searchParams).week, policy.today);
  const served = await servedWeeklyReview({ week, siteIds: [siteId], policy });
  const review = served.value;
  return (
    <>
      <PageHeader
        title={`Weekly operating review: ${site.name}`}
        description={weekLabel(week)}
        actions={<PrintButton />}
      />
      {ignored ? (
        <p
          role="status"
          data-print="hide"
          className="mb-4 rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm font-medium text-warning-800"
        >
          The week in the address is not a Monday up to this week, so the last complete week is shown.
        </p>
      ) : null}
      <SnapshotNotice current={served.current} ageSeconds={served.ageSeconds} />
      <WeekPicker path={path} week={week} weeks={recentWeeks(policy.today)} latest={weekStart(policy.today)} />
      <WeeklyReviewView
        review={review}
        level="site"
        csvQuery={{ view: 'site', siteId, week }}
        links={{ followUp: (id) => `/sites/${id}/follow-up` }}
      />
    </>
  );
}
