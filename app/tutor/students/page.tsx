import type { Metadata } from 'next';
import { formatDay } from '@/lib/dates';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { flagLabels } from '@/lib/flags/rules';
import { tutorStudentFlags, tutorStudents } from '@/lib/tutor/queries';

export const metadata: Metadata = { title: 'My students' };

const rate = (d: { scheduled: number; delivered: number }) =>
  d.scheduled === 0 ? '—' : `${Math.round((d.delivered / d.scheduled) * 100)}%`;

export default async function TutorStudentsPage() {
  const user = await authorizePage('tutor.view', undefined, '/tutor/students');
  const { today, rows } = await tutorStudents(user.id);
  const flags = await tutorStudentFlags(user.id, today);
  return (
    <>
      <PageHeader
        title="My students"
        description="Students in the groups you teach: minutes delivered against minutes scheduled this week and this cycle, attendance in a row, latest score and early-warning flags."
      />
      {rows.length === 0 ? (
        <EmptyState
          title="No students yet"
          description="Students appear here once they are placed in a group you teach."
        />
      ) : (
        <Table caption="My students" captionHidden>
          <TableHead>
            <TableRow>
              <HeaderCell>Student</HeaderCell>
              <HeaderCell numeric>This week</HeaderCell>
              <HeaderCell numeric>This cycle</HeaderCell>
              <HeaderCell>Attendance</HeaderCell>
              <HeaderCell>Latest score</HeaderCell>
              <HeaderCell>Flags</HeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={`${r.studentId}-${r.groupName}`}>
                <HeaderCell scope="row">
                  {r.name}
                  <span className="block text-sm font-normal text-slate-600">{r.groupName}</span>
                </HeaderCell>
                <Cell numeric>
                  {rate(r.week)}
                  <span className="block text-sm text-slate-600">
                    {r.week.delivered} of {r.week.scheduled} min
                  </span>
                </Cell>
                <Cell numeric>
                  {rate(r.cycle)}
                  <span className="block text-sm text-slate-600">
                    {r.cycle.delivered} of {r.cycle.scheduled} min
                  </span>
                </Cell>
                <Cell>
                  {r.streak === null ? (
                    <span className="text-slate-600">No sessions yet</span>
                  ) : r.streak.kind === 'absent' ? (
                    <Badge tone={r.streak.count >= 3 ? 'danger' : 'warning'}>Absent {r.streak.count} in a row</Badge>
                  ) : (
                    <Badge tone="success">Attended {r.streak.count} in a row</Badge>
                  )}
                </Cell>
                <Cell>
                  {r.latest ? (
                    `${r.latest.score} on ${formatDay(r.latest.date)}`
                  ) : (
                    <span className="text-slate-600">None yet</span>
                  )}
                </Cell>
                <Cell>
                  {(flags.get(r.studentId) ?? []).length === 0 ? (
                    <span className="text-slate-600">None</span>
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {flags.get(r.studentId)!.map((f) => (
                        <li key={`${f.kind}-${f.message}`}>
                          <Badge tone="warning">{flagLabels[f.kind]}</Badge>
                          <span className="block text-sm text-slate-700">{f.message}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
