import type { Metadata } from 'next';
import { PlaceForm } from '@/components/placement/place-form';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { groupOptionLabel } from '@/lib/placement/labels';
import { subjectLabels } from '@/lib/placement/priority';
import { placementPolicy, SUBJECTS } from '@/lib/placement/policy';
import { siteGroups } from '@/lib/placement/groups';
import { siteStudents, waitlistOf } from '@/lib/placement/students';
import { gradeLabel } from '@/lib/placement/rules';

export const metadata: Metadata = { title: 'Waitlist' };

export default async function SiteWaitlistPage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}/waitlist`);
  const canPlace = can(user.role, 'site.groups.manage');
  const policy = await placementPolicy();
  const [site, rows, groups] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteStudents(siteId, policy),
    siteGroups(siteId, policy),
  ]);
  return (
    <>
      <PageHeader
        title="Waitlist"
        description={`Eligible students at ${site.name} without a seat, in priority order: lowest screener percentile first, ties by earlier referral. Place from the top.`}
        actions={
          canPlace ? (
            <>
              <ButtonLink href={`/sites/${siteId}/groups/suggested`}>Suggested groups</ButtonLink>
              <ButtonLink href={`/sites/${siteId}/groups/new`} variant="secondary">
                New group
              </ButtonLink>
            </>
          ) : null
        }
      />
      <div className="flex flex-col gap-8">
        {SUBJECTS.map((subject) => {
          const waiting = waitlistOf(rows, subject);
          const open = groups.filter((g) => g.subject === subject && g.seatsTaken < policy.maxGroupSize);
          return (
            <section key={subject} aria-labelledby={`waitlist-${subject}`}>
              <h2 id={`waitlist-${subject}`} className="mb-3 text-xl font-semibold">
                {subjectLabels[subject]}: {waiting.length} waiting, {open.length} groups with a free seat
              </h2>
              {waiting.length === 0 ? (
                <EmptyState
                  headingLevel={3}
                  title={`Nobody is waiting for ${subjectLabels[subject]}`}
                  description="Every eligible student has a seat."
                />
              ) : (
                <Table caption={`${subjectLabels[subject]} waitlist`} captionHidden>
                  <TableHead>
                    <TableRow>
                      <HeaderCell numeric>Priority</HeaderCell>
                      <HeaderCell>Student</HeaderCell>
                      <HeaderCell>Reason</HeaderCell>
                      {canPlace ? <HeaderCell>Place in a group</HeaderCell> : null}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {waiting.map((row) => {
                      const standing = row.standings[subject];
                      const fits = (g: (typeof open)[number]) => row.grade >= g.gradeMin && row.grade <= g.gradeMax;
                      const options = [...open.filter(fits), ...open.filter((g) => !fits(g))];
                      return (
                        <TableRow key={row.id}>
                          <Cell numeric>{standing.rank}</Cell>
                          <HeaderCell scope="row">
                            <span className="block">
                              {row.firstName} {row.lastName}
                            </span>
                            <span className="block text-sm font-normal text-slate-600">
                              Grade {gradeLabel(row.grade)} · SIS {row.sisId}
                              {row.referredOn ? ` · referred ${row.referredOn}` : ''}
                            </span>
                          </HeaderCell>
                          <Cell className="min-w-56">{standing.reason}</Cell>
                          {canPlace ? (
                            <Cell className="min-w-96">
                              {options.length === 0 ? (
                                <span className="text-slate-700">
                                  No {subjectLabels[subject]} group has a free seat. Create a group.
                                </span>
                              ) : (
                                <PlaceForm
                                  studentId={row.id}
                                  studentName={`${row.firstName} ${row.lastName}`}
                                  groups={options.map((g) => ({
                                    id: g.id,
                                    label: groupOptionLabel(g, policy.maxGroupSize),
                                  }))}
                                  defaultStartDate={policy.today}
                                />
                              )}
                            </Cell>
                          ) : null}
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
