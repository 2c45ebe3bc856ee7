import type { Metadata } from 'next';
import { CycleForm, NoSchoolForm, RemoveNoSchoolButton } from '@/components/calendar/calendar-forms';
import { DeleteCycleButton, EditCycleForm } from '@/components/calendar/cycle-controls';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { noSchoolKindLabels } from '@/lib/calendar/labels';
import { db } from '@/lib/db';
import { toIsoDate } from '@/lib/sessions/schedule';

export const metadata: Metadata = { title: 'Calendar' };

export default async function CalendarPage() {
  await authorizePage('calendar.manage', undefined, '/district/calendar');
  const [cycles, days, sites] = await Promise.all([
    db.cycle.findMany({
      orderBy: { startDate: 'desc' },
      select: { id: true, name: true, startDate: true, endDate: true, _count: { select: { groups: true } } },
    }),
    db.noSchoolDay.findMany({
      orderBy: [{ date: 'asc' }],
      select: { id: true, date: true, name: true, kind: true, site: { select: { name: true } } },
    }),
    db.site.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return (
    <>
      <PageHeader
        title="Calendar"
        description="Tutoring cycles and the days without school. Sessions are generated from these; a day off generates nothing."
      />
      <div className="flex flex-col gap-6">
        <Card title="Cycles">
          {cycles.length === 0 ? (
            <EmptyState headingLevel={3} title="No cycles yet" description="Add the first tutoring cycle below." />
          ) : (
            <Table caption="Tutoring cycles" captionHidden>
              <TableHead>
                <TableRow>
                  <HeaderCell>Cycle</HeaderCell>
                  <HeaderCell>Dates</HeaderCell>
                  <HeaderCell numeric>Groups</HeaderCell>
                  <HeaderCell>Change</HeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {cycles.map((c) => {
                  const row = {
                    id: c.id,
                    name: c.name,
                    startDate: toIsoDate(c.startDate),
                    endDate: toIsoDate(c.endDate),
                    groups: c._count.groups,
                  };
                  return (
                    <TableRow key={c.id}>
                      <HeaderCell scope="row">{c.name}</HeaderCell>
                      <Cell>
                        {row.startDate} to {row.endDate}
                      </Cell>
                      <Cell numeric>{row.groups}</Cell>
                      <Cell>
                        <div className="flex flex-col items-start gap-2">
                          <EditCycleForm cycle={row} />
                          <DeleteCycleButton cycle={row} />
                        </div>
                      </Cell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
          <div className="mt-6 border-t border-slate-200 pt-5">
            <CycleForm />
          </div>
        </Card>
        <Card
          title="Days without school"
          description="District-wide, or for one site (a site's testing day, a building closure)."
        >
          <NoSchoolForm sites={sites} />
          <div className="mt-6">
            {days.length === 0 ? (
              <EmptyState headingLevel={3} title="No days off entered" />
            ) : (
              <Table caption="Days without school" captionHidden>
                <TableHead>
                  <TableRow>
                    <HeaderCell>Date</HeaderCell>
                    <HeaderCell>Name</HeaderCell>
                    <HeaderCell>Kind</HeaderCell>
                    <HeaderCell>Where</HeaderCell>
                    <HeaderCell>Change</HeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {days.map((d) => (
                    <TableRow key={d.id}>
                      <HeaderCell scope="row" className="whitespace-nowrap">
                        {toIsoDate(d.date)}
                      </HeaderCell>
                      <Cell>{d.name}</Cell>
                      <Cell>{noSchoolKindLabels[d.kind]}</Cell>
                      <Cell>{d.site?.name ?? 'Every site'}</Cell>
                      <Cell>
                        <RemoveNoSchoolButton
                          id={d.id}
                          label={`${d.name}, ${toIsoDate(d.date)}${d.site ? ` at ${d.site.name}` : ''}`}
                        />
                      </Cell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
