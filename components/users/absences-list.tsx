'use client';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { useFormAction } from '@/components/users/use-form-action';
import { removeAbsenceAction } from '@/lib/placement/absence-actions';

interface Absence {
  id: string;
  tutor: string;
  kind: 'ABSENT' | 'LEAVE';
  startDate: string;
  endDate: string;
  note: string | null;
}

const daysOf = (a: Absence) => (a.startDate === a.endDate ? a.startDate : `${a.startDate} to ${a.endDate}`);

function RemoveForm({ siteId, absence }: { siteId: string; absence: Absence }) {
  const form = useFormAction(removeAbsenceAction);
  const { result } = form.state;
  return (
    <form action={form.formAction} aria-label={`Remove ${absence.tutor}'s absence, ${daysOf(absence)}`}>
      <input type="hidden" name="siteId" value={siteId} />
      <input type="hidden" name="absenceId" value={absence.id} />
      <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
        {form.pending ? 'Removing…' : 'Remove'}
      </Button>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
    </form>
  );
}

/** Tutors recorded out today or later, each with a way to take the record back. */
export function AbsencesList({ siteId, absences }: { siteId: string; absences: Absence[] }) {
  return (
    <Table caption="Tutors recorded out" captionHidden>
      <TableHead>
        <TableRow>
          <HeaderCell>Tutor</HeaderCell>
          <HeaderCell>Out</HeaderCell>
          <HeaderCell>Days</HeaderCell>
          <HeaderCell>Note</HeaderCell>
          <HeaderCell>Recorded by mistake?</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {absences.map((a) => (
          <TableRow key={a.id}>
            <HeaderCell scope="row">{a.tutor}</HeaderCell>
            <Cell>{a.kind === 'LEAVE' ? 'On leave' : 'Absent'}</Cell>
            <Cell className="whitespace-nowrap">{daysOf(a)}</Cell>
            <Cell>{a.note ?? '—'}</Cell>
            <Cell>
              <RemoveForm siteId={siteId} absence={a} />
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
