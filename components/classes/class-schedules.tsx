import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { classLabel, periodLabel, type ClassSchedule, type ScheduledClass } from '@/lib/classes/schedule';

function ClassList({ classes }: { classes: ScheduledClass[] }) {
  if (classes.length === 0) return <span className="text-slate-600">None in the roster</span>;
  return (
    <ul className="flex flex-col gap-1">
      {classes.map((c, i) => (
        <li key={`${c.title}-${i}`}>
          {c.periods.length ? <span className="font-medium">{periodLabel(c.periods)} </span> : null}
          {classLabel(c)}
        </li>
      ))}
    </ul>
  );
}

/** Each student's homeroom and classes by period, from the roster import: for planning pull-outs. */
export function ClassSchedulesTable({
  caption,
  students,
}: {
  caption: string;
  students: { id: string; name: string; schedule: ClassSchedule | undefined }[];
}) {
  return (
    <Table caption={caption} captionHidden>
      <TableHead>
        <TableRow>
          <HeaderCell>Student</HeaderCell>
          <HeaderCell>Homeroom</HeaderCell>
          <HeaderCell>Classes by period</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {students.map((s) => (
          <TableRow key={s.id}>
            <HeaderCell scope="row">{s.name}</HeaderCell>
            <Cell>{s.schedule?.homeroom ? classLabel(s.schedule.homeroom) : '—'}</Cell>
            <Cell>
              <ClassList classes={s.schedule?.classes ?? []} />
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One student's homeroom and classes by period. */
export function StudentClasses({ schedule }: { schedule: ClassSchedule }) {
  return (
    <div className="flex flex-col gap-2">
      <p>
        <span className="font-medium">Homeroom:</span>{' '}
        {schedule.homeroom ? classLabel(schedule.homeroom) : 'none in the roster'}
      </p>
      {schedule.classes.length ? (
        <Table caption="Classes by period" captionHidden>
          <TableHead>
            <TableRow>
              <HeaderCell>Period</HeaderCell>
              <HeaderCell>Class</HeaderCell>
              <HeaderCell>Teacher</HeaderCell>
              <HeaderCell>Room</HeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {schedule.classes.map((c, i) => (
              <TableRow key={`${c.title}-${i}`}>
                <Cell>{periodLabel(c.periods) || '—'}</Cell>
                <HeaderCell scope="row">{c.title}</HeaderCell>
                <Cell>{c.teachers.join(', ') || '—'}</Cell>
                <Cell>{c.location ?? '—'}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
