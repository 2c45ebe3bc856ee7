import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { flagLabels } from '@/lib/flags/rules';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { ordinal, subjectLabels } from '@/lib/placement/priority';
import type { StudentRow, SubjectStanding } from '@/lib/placement/students';
import { gradeLabel } from '@/lib/placement/rules';

function Standing({ standing, siteId }: { standing: SubjectStanding; siteId: string }) {
  const { screener } = standing;
  return (
    <div className="flex flex-col gap-1">
      {screener ? (
        <span className="tabular-nums">
          {ordinal(screener.percentile)} pct <span className="text-slate-600">· {screener.measure}</span>
        </span>
      ) : (
        <span className="text-slate-600">No screener</span>
      )}
      <span>
        {standing.placement ? (
          <Link href={`/sites/${siteId}/groups/${standing.placement.groupId}`} className="font-medium">
            {standing.placement.groupName}
          </Link>
        ) : standing.eligible ? (
          <Badge tone="warning">Waiting · #{standing.rank}</Badge>
        ) : (
          <Badge>Not eligible</Badge>
        )}
      </span>
    </div>
  );
}

function dosePercent(dose: StudentRow['dose']): string {
  return dose.scheduled === 0 ? '—' : `${Math.round((dose.delivered / dose.scheduled) * 100)}%`;
}

export function StudentsTable({ rows, siteId, caption }: { rows: StudentRow[]; siteId: string; caption: string }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <TableRow>
          <HeaderCell>Student</HeaderCell>
          <HeaderCell>Grade</HeaderCell>
          <HeaderCell>{subjectLabels.MATH}</HeaderCell>
          <HeaderCell>{subjectLabels.ELA}</HeaderCell>
          <HeaderCell>Priority and reason</HeaderCell>
          <HeaderCell numeric>Dose so far</HeaderCell>
          <HeaderCell>Flags</HeaderCell>
          <HeaderCell>Supports</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const reasons = (['MATH', 'ELA'] as const)
            .map((s) => row.standings[s])
            .filter((s) => s.eligible || s.placement);
          return (
            <TableRow key={row.id}>
              <HeaderCell scope="row">
                <Link href={`/sites/${siteId}/dashboard/students/${row.id}`} className="flex min-h-11 items-center">
                  {row.lastName}, {row.firstName}
                </Link>
                <span className="block text-sm font-normal text-slate-600">SIS {row.sisId}</span>
              </HeaderCell>
              <Cell>{gradeLabel(row.grade)}</Cell>
              <Cell>
                <Standing standing={row.standings.MATH} siteId={siteId} />
              </Cell>
              <Cell>
                <Standing standing={row.standings.ELA} siteId={siteId} />
              </Cell>
              <Cell className="min-w-64">
                {reasons.length === 0 ? (
                  <span className="text-slate-600">{row.standings.MATH.reason}</span>
                ) : (
                  <ul className="flex flex-col gap-1">
                    {reasons.map((s) => (
                      <li key={s.subject}>{s.reason}</li>
                    ))}
                  </ul>
                )}
              </Cell>
              <Cell numeric>
                <span className="block">{dosePercent(row.dose)}</span>
                <span className="block text-sm text-slate-600">
                  {row.dose.delivered} of {row.dose.scheduled} min
                </span>
              </Cell>
              <Cell className="min-w-48">
                {row.flags.length === 0 ? (
                  <span className="text-slate-600">—</span>
                ) : (
                  <ul className="flex flex-col gap-1">
                    {row.flags.map((f) => (
                      <li key={f.message}>
                        <Badge tone="danger">{flagLabels[f.kind]}</Badge>
                        <span className="block text-sm">{f.message}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </Cell>
              <Cell>{row.supports.length ? row.supports.join(', ') : <span className="text-slate-600">—</span>}</Cell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
