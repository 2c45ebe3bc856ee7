import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { formatCents, formatWholeDollars } from '@/lib/metrics/cost';
import type { CostRow } from '@/lib/review/costs';

const number = new Intl.NumberFormat('en-US');
const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toLocaleString('en-US');

function perGoal(r: CostRow): string {
  if (!r.meetingGoalCell.shown) return r.meetingGoalCell.text;
  if (r.partial) return 'Costs missing';
  return r.perStudentMeetingGoal === null ? '—' : formatWholeDollars(r.perStudentMeetingGoal);
}

/** Cost by site or by provider, with the total as the last row. */
export function CostTable({ caption, unitLabel, rows, total }: { caption: string; unitLabel: string; rows: CostRow[]; total: CostRow }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <TableRow>
          <HeaderCell>{unitLabel}</HeaderCell>
          <HeaderCell numeric>Hours delivered</HeaderCell>
          <HeaderCell numeric>Hours with a cost</HeaderCell>
          <HeaderCell numeric>Tutor cost</HeaderCell>
          <HeaderCell numeric>Cost per delivered hour</HeaderCell>
          <HeaderCell numeric>Student-hours delivered</HeaderCell>
          <HeaderCell numeric>Students meeting goal</HeaderCell>
          <HeaderCell numeric>Cost per student meeting goal</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...rows, total].map((r) => (
          <TableRow key={r.key}>
            <HeaderCell scope="row" className={`whitespace-normal ${r === total ? 'font-bold' : 'font-medium'}`}>
              {r.name}
            </HeaderCell>
            <Cell numeric>{hours(r.heldMinutes)}</Cell>
            <Cell numeric>{hours(r.costedMinutes)}</Cell>
            <Cell numeric>
              {r.costedMinutes > 0 ? formatWholeDollars(r.costCents) : '—'}
              {r.partial && r.costedMinutes > 0 ? ' (partial)' : ''}
            </Cell>
            <Cell numeric>
              {r.perDeliveredHour === null ? (r.heldMinutes > 0 ? 'Costs missing' : '—') : formatCents(r.perDeliveredHour)}
              {r.perDeliveredHour !== null && r.partial ? ' *' : ''}
            </Cell>
            <Cell numeric>{hours(r.studentMinutes)}</Cell>
            <Cell numeric>{r.meetingGoalCell.shown ? number.format(r.studentsMeetingGoal) : r.meetingGoalCell.text}</Cell>
            <Cell numeric>{perGoal(r)}</Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
