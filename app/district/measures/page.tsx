import type { Metadata } from 'next';
import Link from 'next/link';
import { MeasureForm } from '@/components/measures/measure-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { measureList } from '@/lib/measures/queries';
import { subjectLabels } from '@/lib/placement/priority';

export const metadata: Metadata = { title: 'Probe measures' };

const count = new Intl.NumberFormat('en-US');

export default async function MeasuresPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await authorizePage('measures.view', undefined, '/district/measures');
  const canManage = can(user.role, 'measures.manage');
  const [measures, query] = await Promise.all([measureList(db), searchParams]);
  return (
    <>
      <PageHeader
        title="Probe measures"
        description={`The district's list of progress checks. A group picks one when it is created and every score its tutors enter is on it, so growth is compared within one measure and never split across spellings.${canManage ? '' : ' Only a district admin can change the list.'}`}
      />
      <div className="flex flex-col gap-6">
        {query.merged ? <FormMessage tone="success" message="The measures were merged." /> : null}
        {measures.length === 0 ? (
          <EmptyState title="No measures yet" description="Add the first measure groups can pick." />
        ) : (
          <Table caption={`${measures.length} measure${measures.length === 1 ? '' : 's'}`}>
            <TableHead>
              <TableRow>
                <HeaderCell>Measure</HeaderCell>
                <HeaderCell>Subject</HeaderCell>
                <HeaderCell numeric>Maximum</HeaderCell>
                <HeaderCell numeric>Benchmark</HeaderCell>
                <HeaderCell>Better</HeaderCell>
                <HeaderCell numeric>Groups</HeaderCell>
                <HeaderCell numeric>Scores</HeaderCell>
                <HeaderCell>Status</HeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {measures.map((m) => (
                <TableRow key={m.id}>
                  <HeaderCell scope="row" className="whitespace-normal">
                    {canManage ? <Link href={`/district/measures/${m.id}`}>{m.name}</Link> : m.name}
                  </HeaderCell>
                  <Cell>{subjectLabels[m.subject]}</Cell>
                  <Cell numeric>{m.maxScore ?? '—'}</Cell>
                  <Cell numeric>{m.benchmark ?? '—'}</Cell>
                  <Cell className="whitespace-nowrap">{m.direction === 'LOWER_IS_BETTER' ? 'Lower' : 'Higher'}</Cell>
                  <Cell numeric>{count.format(m.groups)}</Cell>
                  <Cell numeric>{count.format(m.probes)}</Cell>
                  <Cell>{m.active ? <Badge tone="success">On the list</Badge> : <Badge>Retired</Badge>}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canManage ? (
          <Card title="Add a measure">
            <MeasureForm />
          </Card>
        ) : null}
      </div>
    </>
  );
}
