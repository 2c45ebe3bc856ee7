import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { authorizePage } from '@/lib/auth/guards';
import { dateParam } from '@/lib/dates';
import { db } from '@/lib/db';
import { placementPolicy } from '@/lib/placement/policy';
import { addDays, isoWeekday, weekdayName, weekStart } from '@/lib/dates';
import { siteWeek, type WeekSession } from '@/lib/placement/week';
import type { IsoDate } from '@/lib/dates';
import { formatMinuteOfDay } from '@/lib/dates';

export const metadata: Metadata = { title: 'Schedule' };

const STATUS: Record<WeekSession['status'], { label: string; tone: 'info' | 'success' | 'danger' }> = {
  SCHEDULED: { label: 'Scheduled', tone: 'info' },
  HELD: { label: 'Held', tone: 'success' },
  CANCELLED: { label: 'Cancelled', tone: 'danger' },
};

export default async function SiteSchedulePage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<{ week?: string; by?: string }>;
}) {
  const { siteId } = await params;
  await authorizePage('site.view', { siteId }, `/sites/${siteId}/schedule`);
  const { week, by } = await searchParams;
  const policy = await placementPolicy();
  const asked = dateParam(week, 'week');
  const requested = asked.date ?? policy.today;
  const monday = weekStart(requested);
  const byRoom = by === 'room';
  const [site, sessions] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteWeek(siteId, monday),
  ]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter(
    (d, i) => i < 5 || sessions.some((s) => s.date === d),
  );
  const rowsKey = (s: WeekSession) => (byRoom ? s.room : s.teacher);
  const rows = [...new Set(sessions.map(rowsKey))].sort((a, b) => a.localeCompare(b));
  const base = `/sites/${siteId}/schedule`;
  const link = (w: IsoDate, view = byRoom ? 'room' : 'tutor') => `${base}?week=${w}&by=${view}`;
  return (
    <>
      <PageHeader
        title="Schedule"
        description={`${site.name}, week of ${monday}: every session ${byRoom ? 'by room' : 'by who teaches it (substitutes included)'}.`}
        actions={
          <>
            <ButtonLink href={link(addDays(monday, -7))} variant="secondary">
              Previous week
            </ButtonLink>
            <ButtonLink href={link(weekStart(policy.today))} variant="ghost">
              This week
            </ButtonLink>
            <ButtonLink href={link(addDays(monday, 7))} variant="secondary">
              Next week
            </ButtonLink>
          </>
        }
      />
      {asked.error ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm font-medium text-warning-800"
        >
          {asked.error} This week is shown instead.
        </p>
      ) : null}
      <nav aria-label="Arrange the week" className="mb-4 flex gap-2">
        <ButtonLink
          href={link(monday, 'tutor')}
          variant={byRoom ? 'ghost' : 'primary'}
          aria-current={byRoom ? undefined : 'page'}
        >
          By tutor
        </ButtonLink>
        <ButtonLink
          href={link(monday, 'room')}
          variant={byRoom ? 'primary' : 'ghost'}
          aria-current={byRoom ? 'page' : undefined}
        >
          By room
        </ButtonLink>
      </nav>
      {sessions.length === 0 ? (
        <EmptyState title="No sessions this week" description="A holiday week, or no groups meet yet." />
      ) : (
        <Table caption={`Sessions at ${site.name}, week of ${monday}, by ${byRoom ? 'room' : 'tutor'}`} captionHidden>
          <TableHead>
            <TableRow>
              <HeaderCell>{byRoom ? 'Room' : 'Tutor'}</HeaderCell>
              {days.map((d) => (
                <HeaderCell key={d}>
                  {weekdayName(isoWeekday(d))}
                  <span className="block text-sm font-normal text-slate-600">{d.slice(5)}</span>
                </HeaderCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row}>
                <HeaderCell scope="row">{row}</HeaderCell>
                {days.map((d) => (
                  <Cell key={d} className="min-w-36">
                    <ul className="flex flex-col gap-2">
                      {sessions
                        .filter((s) => s.date === d && rowsKey(s) === row)
                        .map((s) => (
                          <li key={s.id} className="text-sm">
                            <span className="block font-medium tabular-nums">{formatMinuteOfDay(s.startMinute)}</span>
                            <Link href={`/sites/${siteId}/groups/${s.groupId}`}>{s.groupName}</Link>
                            <span className="block text-slate-600">{byRoom ? s.teacher : s.room}</span>
                            <span className="mt-1 flex flex-wrap gap-1">
                              <Badge tone={STATUS[s.status].tone}>{STATUS[s.status].label}</Badge>
                              {s.substitute ? <Badge>Substitute</Badge> : null}
                            </span>
                          </li>
                        ))}
                    </ul>
                  </Cell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
