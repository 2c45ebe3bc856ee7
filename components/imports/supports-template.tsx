import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { buttonClasses } from '@/components/ui/button';
import { SUPPORTS_TEMPLATE_COLUMNS } from '@/lib/roster';

/** The supports and screener CSV's columns, and the example file to start from. */
export function SupportsTemplate() {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">
        One row per student per screener result; support flags may sit on any of a student’s rows. Students are matched
        by SIS id within the sites you import for.
      </p>
      <div>
        <a href="/api/imports/template" download className={buttonClasses({ variant: 'secondary' })}>
          Download the example CSV
        </a>
      </div>
      <Table caption="Columns of the supports and screener CSV">
        <TableHead>
          <TableRow>
            <HeaderCell>Column</HeaderCell>
            <HeaderCell>Required</HeaderCell>
            <HeaderCell>Meaning</HeaderCell>
            <HeaderCell>Example</HeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {SUPPORTS_TEMPLATE_COLUMNS.map((c) => (
            <TableRow key={c.column}>
              <HeaderCell scope="row">
                <code>{c.column}</code>
              </HeaderCell>
              <Cell>{c.required}</Cell>
              <Cell className="min-w-64">{c.meaning}</Cell>
              <Cell>
                <code>{c.example}</code>
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
