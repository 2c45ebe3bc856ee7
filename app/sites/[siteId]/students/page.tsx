import type { Metadata } from 'next';
import { StudentFilters } from '@/components/placement/student-filters';
import { StudentsTable } from '@/components/placement/students-table';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { applyStudentFilter, parseStudentFilter } from '@/lib/placement/filters';
import { placementPolicy } from '@/lib/placement/policy';
import { ordinal } from '@/lib/placement/priority';
import { siteStudents } from '@/lib/placement/students';

export const metadata: Metadata = { title: 'Students' };

export default async function SiteStudentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { siteId } = await params;
  await authorizePage('site.view', { siteId }, `/sites/${siteId}/students`);
  const filter = parseStudentFilter(await searchParams);
  const policy = await placementPolicy();
  const [site, rows] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteStudents(siteId, policy, { withFlags: true }),
  ]);
  const shown = applyStudentFilter(rows, filter);
  const grades = [...new Set(rows.map((r) => r.grade))].sort((a, b) => a - b);
  const eligible = rows.filter((r) => r.standings.MATH.eligible || r.standings.ELA.eligible).length;
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  return (
    <>
      <PageHeader
        title="Students"
        description={`${rows.length} active students at ${site.name}; ${eligible} eligible (screener below the ${ordinal(policy.eligibilityPercentile)} percentile in Math or ELA). ${flagged} placed students carry an early-warning flag. Need decides who gets a seat: see the priority reason beside each student.`}
        actions={
          <ButtonLink href={`/sites/${siteId}/waitlist`} variant="secondary">
            Open the waitlist
          </ButtonLink>
        }
      />
      <StudentFilters filter={filter} clearHref={`/sites/${siteId}/students`} grades={grades} />
      <p role="status" className="mb-3 text-sm text-slate-700">
        Showing {shown.length} of {rows.length} students.
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No students match these filters" description="Clear a filter to see more students." />
      ) : (
        <StudentsTable rows={shown} siteId={siteId} caption={`Students at ${site.name}`} />
      )}
    </>
  );
}
