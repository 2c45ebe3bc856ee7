import { Button, ButtonLink } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { addDays, type IsoDate } from '@/lib/dates';
import { weekLabel } from '@/lib/review/week';

/** A plain GET form (the week lives in the address) with links to the weeks either side. Not printed. */
export function WeekPicker({
  path,
  week,
  weeks,
  latest,
}: {
  path: string;
  week: IsoDate;
  weeks: IsoDate[];
  latest: IsoDate;
}) {
  const options = weeks.includes(week) ? weeks : [week, ...weeks];
  const next = addDays(week, 7);
  return (
    <div
      data-print="hide"
      className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <form method="get" action={path} aria-label="Choose the week" className="flex flex-wrap items-end gap-3">
        <SelectField label="Week" name="week" defaultValue={week}>
          {options.map((w) => (
            <option key={w} value={w}>
              {weekLabel(w)}
            </option>
          ))}
        </SelectField>
        <Button type="submit">Show week</Button>
      </form>
      <nav aria-label="Other weeks" className="flex flex-wrap gap-2">
        <ButtonLink href={`${path}?week=${addDays(week, -7)}`} variant="ghost">
          ← Previous week
        </ButtonLink>
        {next <= latest ? (
          <ButtonLink href={`${path}?week=${next}`} variant="ghost">
            Next week →
          </ButtonLink>
        ) : null}
      </nav>
    </div>
  );
}
