import type { Metadata } from 'next';
import { GroupForm } from '@/components/placement/group-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { measureChoices } from '@/lib/measures/queries';
import { subjectLabels } from '@/lib/placement/priority';
import { cycleOptions, siteTutorOptions } from '@/lib/placement/options';
import { placementPolicy } from '@/lib/placement/policy';
import { gradeBandLabel } from '@/lib/placement/rules';

export const metadata: Metadata = { title: 'New group' };

const one = (value: string | string[] | undefined) =>
  typeof value === 'string' && value.length <= 120 ? value : undefined;

export default async function NewGroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { siteId } = await params;
  const query = await searchParams;
  // A suggested group opened for editing arrives as query values; the form checks them all again.
  const prefill = {
    name: one(query.name),
    subject: one(query.subject),
    gradeMin: one(query.gradeMin),
    gradeMax: one(query.gradeMax),
    tutorId: one(query.tutorId),
    days: one(query.days)
      ?.split(',')
      .filter((d) => /^[1-7]$/.test(d)),
    start: one(query.start)?.match(/^\d{2}:\d{2}$/)?.[0],
  };
  await authorizePage('site.groups.manage', { siteId }, `/sites/${siteId}/groups/new`);
  const policy = await placementPolicy();
  const [site, tutors, cycles, measures] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteTutorOptions(siteId),
    cycleOptions(),
    measureChoices(db),
  ]);
  const current = cycles.filter((c) => c.endDate >= policy.today);
  return (
    <>
      <PageHeader
        title="New group"
        description={`A tutoring group at ${site.name}. Sessions are generated from the weekly meetings and the calendar; no-school days are skipped.`}
      />
      <Card>
        <GroupForm
          siteId={siteId}
          defaultStartDate={policy.today}
          prefill={prefill}
          cycles={current.length ? current : cycles}
          measures={measures}
          tutors={tutors.map((t) => ({
            id: t.id,
            name: t.name,
            detail: `${t.subjects.map((s) => subjectLabels[s]).join(' & ')}, ${gradeBandLabel(t.gradeMin, t.gradeMax)}`,
          }))}
        />
      </Card>
    </>
  );
}
