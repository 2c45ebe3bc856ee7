import Link from 'next/link';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { roleLabels } from '@/lib/navigation';
import type { Role } from '@/lib/generated/prisma/enums';
import type { StaffCandidateRow } from '@/lib/users/queries';

/** Teachers and staff from the roster: who has an account, and a link to add the rest as tutors. */
export function StaffCandidatesTable({ rows, total }: { rows: StaffCandidateRow[]; total: number }) {
  return (
    <section aria-labelledby="staff-candidates" className="mt-8 flex flex-col gap-3">
      <h2 id="staff-candidates" className="text-xl font-semibold">
        Tutor candidates from the roster ({total})
      </h2>
      <p className="max-w-prose text-slate-700">
        Teachers and staff the last roster imports named. An import never gives anyone a sign-in: add the ones who will
        tutor (their name, email and school are filled in), then copy them their invitation link.
        {total > rows.length ? ` The first ${rows.length} are shown, those without an account first.` : ''}
      </p>
      <Table caption="Tutor candidates from the roster" captionHidden>
        <TableHead>
          <TableRow>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Email</HeaderCell>
            <HeaderCell>School</HeaderCell>
            <HeaderCell>Account</HeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((c) => (
            <TableRow key={c.id}>
              <HeaderCell scope="row">{c.name}</HeaderCell>
              <Cell className="whitespace-nowrap">{c.email ?? <span className="text-slate-600">No email</span>}</Cell>
              <Cell>{c.site ?? <span className="text-slate-600">Not a site here</span>}</Cell>
              <Cell className="whitespace-nowrap">
                {c.userId ? (
                  <Link href={`/district/users/${c.userId}`}>Has an account ({roleLabels[c.role as Role]})</Link>
                ) : c.email ? (
                  <Link href={`/district/users/new?candidate=${c.id}`}>Add {c.name} as a tutor</Link>
                ) : (
                  <span className="text-slate-600">Needs an email to be added</span>
                )}
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
