import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { modalityLabels, scheduleLabel } from '@/lib/placement/labels';
import { subjectLabels } from '@/lib/placement/priority';
import { placementPolicy } from '@/lib/placement/policy';
import { siteGroups } from '@/lib/placement/groups';
import { gradeBandLabel } from '@/lib/placement/rules';

export const metadata: Metadata = { title: 'Groups' };

export default async function SiteGroupsPage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}/groups`);
  const canManage = can(user.role, 'site.groups.manage');
  const policy = await placementPolicy();
  const [site, groups] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteGroups(siteId, policy),
  ]);
  const newGroup = canManage ? (
    <>
      <ButtonLink href={`/sites/${siteId}/groups/suggested`} variant="secondary">
        Suggested groups
      </ButtonLink>
      <ButtonLink href={`/sites/${siteId}/groups/new`}>New group</ButtonLink>
    </>
  ) : null;
  return (
    <>
      <PageHeader
        title="Groups"
        description={`Active tutoring groups at ${site.name}, with seats taken today (limit ${policy.maxGroupSize}).`}
        actions={newGroup}
      />
      {groups.length === 0 ? (
        <EmptyState
          title="No active groups"
          description={canManage ? 'Create the first group, then place students from the waitlist.' : undefined}
          action={newGroup}
        />
      ) : (
        <Table caption={`Groups at ${site.name}`} captionHidden>
          <TableHead>
            <TableRow>
              <HeaderCell>Group</HeaderCell>
              <HeaderCell>Subject and grades</HeaderCell>
              <HeaderCell>Tutor</HeaderCell>
              <HeaderCell>Schedule</HeaderCell>
              <HeaderCell numeric>Seats</HeaderCell>
              <HeaderCell>Dates</HeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map((g) => (
              <TableRow key={g.id}>
                <HeaderCell scope="row">
                  <Link href={`/sites/${siteId}/groups/${g.id}`}>{g.name}</Link>
                  <span className="block text-sm font-normal text-slate-600">
                    {g.targetSkill} · {modalityLabels[g.modality]}
                    {g.room ? ` · ${g.room}` : ''}
                  </span>
                </HeaderCell>
                <Cell>
                  {subjectLabels[g.subject]}, {gradeBandLabel(g.gradeMin, g.gradeMax)}
                </Cell>
                <Cell>{g.tutor.name}</Cell>
                <Cell>{scheduleLabel(g.meetings)}</Cell>
                <Cell numeric>
                  {g.seatsTaken >= policy.maxGroupSize ? <Badge tone="neutral">Full</Badge> : null} {g.seatsTaken} of{' '}
                  {policy.maxGroupSize}
                </Cell>
                <Cell className="whitespace-nowrap">
                  {g.startDate} to {g.endDate}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
