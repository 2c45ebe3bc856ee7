import { SessionStatusBadge, type SessionStatus } from '@/components/ui/badge';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';

const sessions: {
  date: string;
  group: string;
  tutor: string;
  present: string;
  minutes: number;
  status: SessionStatus;
}[] = [
  {
    date: 'Mon Sep 14',
    group: 'Grade 3 fluency A',
    tutor: 'Jordan Lee',
    present: '4 of 4',
    minutes: 30,
    status: 'held',
  },
  {
    date: 'Tue Sep 15',
    group: 'Grade 3 fluency A',
    tutor: 'Sam Ortiz (substitute)',
    present: '3 of 4',
    minutes: 30,
    status: 'held',
  },
  {
    date: 'Wed Sep 16',
    group: 'Grade 3 fluency A',
    tutor: 'Jordan Lee',
    present: '—',
    minutes: 0,
    status: 'cancelled',
  },
  {
    date: 'Thu Sep 17',
    group: 'Grade 3 fluency A',
    tutor: 'Jordan Lee',
    present: '—',
    minutes: 30,
    status: 'scheduled',
  },
];

export function TableExample() {
  return (
    <Table caption="Sessions this week">
      <TableHead>
        <TableRow>
          <HeaderCell>Date</HeaderCell>
          <HeaderCell>Group</HeaderCell>
          <HeaderCell>Tutor</HeaderCell>
          <HeaderCell>Present</HeaderCell>
          <HeaderCell numeric>Minutes</HeaderCell>
          <HeaderCell>Status</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sessions.map((session) => (
          <TableRow key={session.date}>
            <HeaderCell scope="row" className="font-medium">
              {session.date}
            </HeaderCell>
            <Cell>{session.group}</Cell>
            <Cell>{session.tutor}</Cell>
            <Cell>{session.present}</Cell>
            <Cell numeric>{session.minutes}</Cell>
            <Cell>
              <SessionStatusBadge status={session.status} />
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
