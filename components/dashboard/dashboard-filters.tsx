import { Button, ButtonLink } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import type { DashboardFilters } from '@/lib/dashboard/filters';
import type { FilterOptions } from '@/lib/dashboard/queries';
import { shortDate } from '@/lib/dashboard/tables';
import { gradeLabel } from '@/lib/placement/rules';
import { addDays } from '@/lib/dates';

export type FilterField = 'site' | 'subject' | 'grade' | 'provider';

/** A plain GET form: the filters live in the address, so a view can be shared as a link. */
export function DashboardFiltersForm({
  filters,
  options,
  fields,
  clearHref,
}: {
  filters: DashboardFilters;
  options: FilterOptions;
  fields: FilterField[];
  clearHref: string;
}) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the dashboard"
      className="mb-6 grid items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
    >
      <SelectField label="Cycle" name="cycle" defaultValue={filters.cycle.id}>
        {options.cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="From the week of" name="from" defaultValue={filters.fromWeek}>
        {filters.weeks.map((w) => (
          <option key={w} value={w}>
            {shortDate(w)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="To the week of"
        name="to"
        defaultValue={filters.toWeek}
        hint={`Through ${shortDate(addDays(filters.toWeek, 6))}`}
      >
        {filters.weeks.map((w) => (
          <option key={w} value={w}>
            {shortDate(w)}
          </option>
        ))}
      </SelectField>
      {fields.includes('site') ? (
        <SelectField label="Site" name="site" defaultValue={filters.siteId ?? ''}>
          <option value="">All sites</option>
          {options.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {fields.includes('subject') ? (
        <SelectField label="Subject" name="subject" defaultValue={filters.subject ?? ''}>
          <option value="">Math and ELA</option>
          <option value="MATH">Math</option>
          <option value="ELA">ELA</option>
        </SelectField>
      ) : null}
      {fields.includes('grade') ? (
        <SelectField label="Grade" name="grade" defaultValue={filters.grade?.toString() ?? ''}>
          <option value="">All grades</option>
          {options.grades.map((g) => (
            <option key={g} value={g}>
              Grade {gradeLabel(g)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {fields.includes('provider') ? (
        <SelectField label="Provider" name="provider" defaultValue={filters.providerId ?? ''}>
          <option value="">All providers</option>
          {options.providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Apply filters</Button>
        <ButtonLink href={clearHref} variant="ghost">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
