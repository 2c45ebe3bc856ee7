import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Stat, StatGroup } from '@/components/ui/stat';
import { ReportTableView } from '@/components/reports/report-table';
import { reviewCsvHref, weeklyReviewTables, type ReviewRow, type WeeklyTableId } from '@/lib/review/tables';
import { manyCancellationsText, pointsChange, weekLabel, type Change } from '@/lib/review/week';
import type { WeekFigures, WeeklyReview } from '@/lib/review/weekly';

const number = new Intl.NumberFormat('en-US');
const pct = (share: number) => `${Math.round(share * 100)}%`;

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3 print:break-inside-avoid-page">
      <h2 id={`${id}-heading`} className="text-xl font-semibold print:break-after-avoid">
        {title}
      </h2>
      {description ? <div className="max-w-prose text-slate-700">{description}</div> : null}
      {children}
    </section>
  );
}

function Nothing({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-slate-700">{children}</p>
  );
}

const withPrevious = (
  change: Change | null,
  previous: string,
): { value: string; direction: Change['direction']; meaning: Change['meaning']; comparedWith: string } | undefined =>
  change ? { ...change, comparedWith: `vs previous week (${previous})` } : undefined;

function Headline({ current, previous }: { current: WeekFigures; previous: WeekFigures }) {
  // Operational figures for staff (DOMAIN.md, Policy): exact, whatever the number of students.
  const share = (value: number | null) => (value === null ? '—' : pct(value));
  const change = (a: number | null, b: number | null) => pointsChange(a, b);
  const small = (text: string) => (
    <span className="mt-1 block text-sm font-normal tracking-normal text-slate-700">{text}</span>
  );
  return (
    <StatGroup label="Headline figures for the week">
      <Stat
        label="Dose delivered vs scheduled"
        value={
          <>
            {share(current.doseRate)}
            {small(`${number.format(current.delivered)} of ${number.format(current.scheduled)} min`)}
          </>
        }
        change={withPrevious(change(current.doseRate, previous.doseRate), share(previous.doseRate))}
      />
      <Stat
        label="Attendance rate"
        value={
          <>
            {share(current.attendanceRate)}
            {small(
              `${number.format(current.attended)} attended of ${number.format(current.held)} student-sessions held`,
            )}
          </>
        }
        change={withPrevious(change(current.attendanceRate, previous.attendanceRate), share(previous.attendanceRate))}
      />
      <Stat
        label="Session delivery rate"
        value={
          <>
            {current.deliveryRate === null ? '—' : pct(current.deliveryRate)}
            {small(
              `${number.format(current.sessionsHeld)} held of ${number.format(current.sessionsHeld + current.sessionsCancelled)} held or cancelled`,
            )}
          </>
        }
        change={withPrevious(
          pointsChange(current.deliveryRate, previous.deliveryRate),
          previous.deliveryRate === null ? '—' : pct(previous.deliveryRate),
        )}
      />
      <Stat
        label="Students meeting the target dose"
        value={
          <>
            {share(current.meetingTargetShare)}
            {small(
              `${number.format(current.studentsMeetingTarget)} of ${number.format(current.studentsWithWeeks)} students`,
            )}
          </>
        }
        change={withPrevious(
          change(current.meetingTargetShare, previous.meetingTargetShare),
          share(previous.meetingTargetShare),
        )}
      />
    </StatGroup>
  );
}

export interface ReviewLinks {
  /** A site's own weekly review (district view links each site to it). */
  siteReview?: (siteId: string) => string;
  /** Where a site's flags are acted on. */
  followUp: (siteId: string) => string;
}

/** The printable review: the same sections for the district and for a site. */
export function WeeklyReviewView({
  review,
  level,
  links,
  csvQuery,
}: {
  review: WeeklyReview;
  level: 'district' | 'site';
  links: ReviewLinks;
  csvQuery: Record<string, string>;
}) {
  const tables = new Map(weeklyReviewTables(review, level).map((t) => [t.id, t]));
  const siteLink = (row: ReviewRow, j: number) =>
    j === 0 && row.siteId && links.siteReview ? (
      <Link
        href={`${links.siteReview(row.siteId)}?week=${review.week}`}
        className="inline-flex min-h-11 items-center text-primary-700 underline underline-offset-2"
      >
        {row.cells[0]}
      </Link>
    ) : undefined;
  const show = (id: WeeklyTableId, render?: (row: ReviewRow, j: number) => ReactNode | undefined) => {
    const table = tables.get(id)!;
    return (
      <ReportTableView
        table={table}
        csvHref={reviewCsvHref(csvQuery, id)}
        render={(row, j) => render?.(row, j) ?? siteLink(row, j)}
      />
    );
  };
  return (
    <div className="flex flex-col gap-10 print:gap-6 print:**:border-slate-500 print:**:bg-white print:**:text-black print:**:shadow-none print:**:whitespace-normal">
      <p className="max-w-prose text-sm text-slate-700">
        Sessions from Monday to Sunday, {weekLabel(review.week)}, compared with the week before. Figures of the program,
        its sites, groups and tutors are exact; only the subgroup gaps below are suppressed where a subgroup is small.
      </p>

      <Section id="headline" title="Headline figures">
        <Headline current={review.current} previous={review.previous} />
      </Section>

      <Section
        id="flags"
        title={`Flags needing action (${review.flagged.length} students)`}
        description={
          <p>Early-warning flags of placed students as they stood on {review.flagsAsOf}, by the district’s policy.</p>
        }
      >
        {review.flagged.length === 0 ? (
          <Nothing>No student is flagged.</Nothing>
        ) : level === 'district' ? (
          show('flags')
        ) : (
          <>
            {show('flags', (row, j) =>
              j === row.cells.length - 1 && row.flags ? (
                <ul className="flex flex-col gap-1">
                  {row.flags.map((f, i) => (
                    <li key={i}>
                      <Badge tone="warning">{f.label}</Badge> {f.message}
                    </li>
                  ))}
                </ul>
              ) : undefined,
            )}
            <p data-print="hide">
              {review.sites.map((s) => (
                <Link
                  key={s.id}
                  href={links.followUp(s.id)}
                  className="mr-4 inline-flex min-h-11 items-center text-primary-700 underline underline-offset-2"
                >
                  Record follow-up at {s.name}
                </Link>
              ))}
            </p>
          </>
        )}
      </Section>

      <Section
        id="idle-groups"
        title={`Groups without a held session (${review.groupsWithoutHeld.length})`}
        description={
          <p>Groups with sessions on the calendar this week and none of them held (a held make-up counts as held).</p>
        }
      >
        {review.groupsWithoutHeld.length === 0 ? (
          <Nothing>Every group with sessions this week held at least one.</Nothing>
        ) : (
          show('idle-groups')
        )}
      </Section>

      <Section
        id="tutors"
        title={`Tutors with many cancellations (${review.tutors.length})`}
        description={
          <p>
            “Many” here means {manyCancellationsText()}. A session’s tutor is who delivered it, else the substitute
            assigned, else the group’s primary tutor.
          </p>
        }
      >
        {review.tutors.length === 0 ? <Nothing>No tutor had many cancellations this week.</Nothing> : show('tutors')}
      </Section>

      <Section
        id="gaps"
        title="Subgroups with the widest gaps"
        description={
          <p>
            The equity view’s measures (access, mean dose rate, meeting the target dose, met growth goal) for each
            subgroup against all students,{' '}
            {review.cycle ? `over ${review.cycle.name} up to ${review.weekEnd}` : 'this week'}; the five widest gaps
            below all students, in percentage points. Demographic subgroups under {review.minN} students, and shares
            coded “≤5%” or “≥95%”, have no gap here; sites and grades are shown exactly.
          </p>
        }
      >
        {review.gaps.length === 0 ? (
          <Nothing>No subgroup large enough to report is below all students.</Nothing>
        ) : (
          show('gaps')
        )}
      </Section>

      <Section
        id="under-dosed"
        title={`Under-dosed placements, not yet judged (${review.underDosed.length})`}
        description={
          <p>
            {review.cycle
              ? `Placements this week whose own dose rate (the student in that group) in ${review.cycle.name} up to ${review.weekEnd} is below ${review.underDosedPercent}%: their growth is not judged until they get the dose, whatever their scores.`
              : 'No tutoring cycle covers this week.'}
          </p>
        }
      >
        {review.underDosed.length === 0 ? <Nothing>No placement is under-dosed.</Nothing> : show('under-dosed')}
      </Section>
    </div>
  );
}
