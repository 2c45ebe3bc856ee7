import type { Metadata } from 'next';
import Link from 'next/link';
import { PlaceForm } from '@/components/placement/place-form';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { groupOptionLabel } from '@/lib/placement/labels';
import { comparePriority, subjectLabels, type SubjectCode } from '@/lib/placement/priority';
import { placementPolicy, SUBJECTS, type Policy } from '@/lib/placement/policy';
import { siteGroups, type GroupSummary } from '@/lib/placement/groups';
import { siteStudents, waitlistOf, type StudentRow } from '@/lib/placement/students';
import { gradeLabel } from '@/lib/placement/rules';

export const metadata: Metadata = { title: 'Waitlist' };

type WaitingEntry = { row: StudentRow; subject: SubjectCode };

export default async function SiteWaitlistPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const { siteId } = await params;
  // Each subject's line (the default), or every subject's waiting students in one line by need.
  const together = (await searchParams).view === 'all';
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}/waitlist`);
  const canPlace = can(user.role, 'site.groups.manage');
  const policy = await placementPolicy();
  const [site, rows, groups] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteStudents(siteId, policy),
    siteGroups(siteId, policy),
  ]);
  const openBySubject = (subject: SubjectCode) =>
    groups.filter((g) => g.subject === subject && g.seatsTaken < policy.maxGroupSize);
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
      <nav aria-label="Waitlist view" className="mb-4 flex flex-wrap gap-2">
        {[
          ['By subject', `/sites/${siteId}/waitlist`, !together],
          ['All subjects together, by need', `/sites/${siteId}/waitlist?view=all`, together],
        ].map(([label, href, current]) => (
          <Link
            key={String(href)}
            href={String(href)}
            aria-current={current ? 'page' : undefined}
            className={`inline-flex min-h-11 items-center rounded-md border px-3 text-sm font-medium ${current ? 'border-primary-700 bg-primary-50 text-primary-900' : 'border-slate-300 bg-white text-slate-800'}`}
          >
            {String(label)}
          </Link>
        ))}
      </nav>
      {together ? (
        (() => {
          const entries = byNeed(
            SUBJECTS.flatMap((subject) => waitlistOf(rows, subject).map((row) => ({ row, subject }))),
          );
          return (
            <section aria-labelledby="waitlist-all">
              <h2 id="waitlist-all" className="mb-3 text-xl font-semibold">
                All subjects: {entries.length} waiting, neediest first
              </h2>
              {entries.length === 0 ? (
                <EmptyState
                  headingLevel={3}
                  title="Nobody is waiting"
                  description="Every eligible student has a seat."
                />
              ) : (
                <WaitlistTable
                  caption="Waitlist, all subjects by need"
                  entries={entries}
                  showSubject
                  rankOf={(_, i) => i + 1}
                  openGroups={(subject) => openBySubject(subject)}
                  canPlace={canPlace}
                  policy={policy}
                />
              )}
            </section>
          );
        })()
      ) : (
        <div className="flex flex-col gap-8">
          {SUBJECTS.map((subject) => {
            const waiting = waitlistOf(rows, subject);
            const open = openBySubject(subject);
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
                  <WaitlistTable
                    caption={`${subjectLabels[subject]} waitlist`}
                    entries={waiting.map((row) => ({ row, subject }))}
                    showSubject={false}
                    rankOf={(e) => e.row.standings[e.subject].rank!}
                    openGroups={() => open}
                    canPlace={canPlace}
                    policy={policy}
                  />
                )}
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}

/** Every subject's waiting students in one line: need first (DOMAIN.md's priority rule), then subject. */
function byNeed(entries: WaitingEntry[]): WaitingEntry[] {
  const candidate = (e: WaitingEntry) => ({
    studentId: e.row.id,
    sisId: e.row.sisId,
    percentile: e.row.standings[e.subject].screener!.percentile,
    referredOn: e.row.referredOn,
  });
  return [...entries].sort((a, b) => comparePriority(candidate(a), candidate(b)) || a.subject.localeCompare(b.subject));
}

function WaitlistTable({
  caption,
  entries,
  showSubject,
  rankOf,
  openGroups,
  canPlace,
  policy,
}: {
  caption: string;
  entries: WaitingEntry[];
  showSubject: boolean;
  rankOf: (entry: WaitingEntry, index: number) => number;
  openGroups: (subject: SubjectCode) => GroupSummary[];
  canPlace: boolean;
  policy: Policy;
}) {
  return (
    <Table caption={caption} captionHidden>
      <TableHead>
        <TableRow>
          <HeaderCell numeric>Priority</HeaderCell>
          <HeaderCell>Student</HeaderCell>
          {showSubject ? <HeaderCell>Subject</HeaderCell> : null}
          <HeaderCell>Reason</HeaderCell>
          {canPlace ? <HeaderCell>Place in a group</HeaderCell> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((entry, i) => {
          const { row, subject } = entry;
          const standing = row.standings[subject];
          const open = openGroups(subject);
          const fits = (g: GroupSummary) => row.grade >= g.gradeMin && row.grade <= g.gradeMax;
          const options = [...open.filter(fits), ...open.filter((g) => !fits(g))];
          return (
            <TableRow key={`${row.id}-${subject}`}>
              <Cell numeric>{rankOf(entry, i)}</Cell>
              <HeaderCell scope="row">
                <span className="block">
                  {row.firstName} {row.lastName}
                </span>
                <span className="block text-sm font-normal text-slate-600">
                  Grade {gradeLabel(row.grade)} · SIS {row.sisId}
                  {row.referredOn ? ` · referred ${row.referredOn}` : ''}
                </span>
              </HeaderCell>
              {showSubject ? <Cell>{subjectLabels[subject]}</Cell> : null}
              <Cell className="min-w-56">{standing.reason}</Cell>
              {canPlace ? (
                <Cell className="min-w-72">
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
  );
}
