import { Stat, StatGroup } from '@/components/ui/stat';
import type { ProgramOverview } from '@/lib/district/overview';

const number = new Intl.NumberFormat('en-US');

export function OverviewStats({ overview }: { overview: ProgramOverview }) {
  return (
    <StatGroup label="Program at a glance">
      <Stat label="Active students" value={number.format(overview.activeStudents)} />
      <Stat label="Eligible by screener" value={number.format(overview.eligibleStudents)} />
      <Stat label="Placed in a group" value={number.format(overview.placedStudents)} />
      <Stat label="Active groups" value={number.format(overview.activeGroups)} />
      <Stat
        label="Sessions held this week"
        value={`${number.format(overview.heldThisWeek)} of ${number.format(overview.scheduledThisWeek)}`}
      />
    </StatGroup>
  );
}
