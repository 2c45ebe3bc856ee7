import { Stat, StatGroup } from '@/components/ui/stat';
import type { Counts, ImportSummary } from '@/lib/imports/types';

const n = (value: number) => value.toLocaleString('en-US');

function countsLine(what: string, c: Counts): string {
  const parts = [`${n(c.new)} new`, `${n(c.updated)} updated`];
  if (c.withdrawn) parts.push(`${n(c.withdrawn)} withdrawn`);
  parts.push(`${n(c.unchanged)} unchanged`);
  if (c.skipped) parts.push(`${n(c.skipped)} skipped`);
  return `${what}: ${parts.join(', ')}.`;
}

/** What applying the batch would do (or did), in counts. */
export function SummaryStats({ summary }: { summary: ImportSummary }) {
  if (summary.kind === 'supports') {
    return (
      <div className="flex flex-col gap-3">
        <StatGroup label="Screener results">
          <Stat label="New screener results" value={n(summary.screeners.new)} />
          <Stat label="Corrected results" value={n(summary.screeners.updated)} />
          <Stat label="Unchanged results" value={n(summary.screeners.unchanged)} />
          <Stat label="Skipped rows" value={n(summary.screeners.skipped)} />
        </StatGroup>
        <p className="text-sm text-slate-700">{countsLine('Students’ support flags', summary.students)}</p>
      </div>
    );
  }
  const s = summary.students;
  return (
    <div className="flex flex-col gap-3">
      <StatGroup label="Students">
        <Stat label="New students" value={n(s.new)} />
        <Stat label="Updated" value={n(s.updated)} />
        <Stat label="Withdrawn" value={n(s.withdrawn)} />
        {summary.placementsEnding !== undefined ? (
          <Stat label="Placements ending" value={n(summary.placementsEnding)} />
        ) : null}
        <Stat label="Unchanged" value={n(s.unchanged)} />
        <Stat label="Skipped" value={n(s.skipped)} />
      </StatGroup>
      <p className="text-sm text-slate-700">
        {countsLine('Schools', summary.schools)} OneRoster {summary.version},{' '}
        {summary.mode === 'bulk'
          ? 'a full (bulk) file: active students it no longer names are withdrawn'
          : summary.mode === 'delta'
            ? 'a delta: only the records it names change'
            : 'bulk and delta files mixed: nobody is withdrawn for being missing'}
        .
        {summary.teachers > 0
          ? ` ${n(summary.teachers)} teachers and staff in the files are listed as tutor candidates on the Users page (matched to accounts by email; nobody gets a sign-in).`
          : ''}
        {summary.classes
          ? ` ${n(summary.classes)} class${summary.classes === 1 ? '' : 'es'} and ${n(summary.classEnrollments ?? 0)} student enrollment${summary.classEnrollments === 1 ? '' : 's'} are kept for each student’s homeroom and class periods.`
          : ''}
        {summary.placementsEnding
          ? ` Withdrawn students leave their groups today (history kept): ${n(summary.placementsEnding)} placement${summary.placementsEnding === 1 ? '' : 's'} end.`
          : ''}
      </p>
    </div>
  );
}
