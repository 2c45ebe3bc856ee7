import { Button, ButtonLink } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { flagLabels } from '@/lib/flags/rules';
import { SUBGROUPS, type StudentFilter } from '@/lib/placement/filters';
import { gradeLabel } from '@/lib/placement/rules';

/** A plain GET form: filters live in the address, so a filtered list can be shared. */
export function StudentFilters({
  filter,
  clearHref,
  grades,
}: {
  filter: StudentFilter;
  clearHref: string;
  grades: number[];
}) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter students"
      className="mb-6 grid items-end gap-4 md:grid-cols-3 lg:grid-cols-4"
    >
      <TextField
        label="Search"
        name="q"
        type="search"
        defaultValue={filter.q ?? ''}
        maxLength={100}
        hint="Name or SIS id contains."
      />
      <SelectField label="Grade" name="grade" defaultValue={filter.grade?.toString() ?? ''}>
        <option value="">All grades</option>
        {grades.map((g) => (
          <option key={g} value={g}>
            Grade {gradeLabel(g)}
          </option>
        ))}
      </SelectField>
      <SelectField label="Subject need" name="need" defaultValue={filter.need ?? ''}>
        <option value="">Math or ELA</option>
        <option value="MATH">Math</option>
        <option value="ELA">ELA</option>
      </SelectField>
      <SelectField label="Eligibility" name="eligibility" defaultValue={filter.eligibility ?? ''}>
        <option value="">Everyone</option>
        <option value="eligible">Eligible</option>
        <option value="not-eligible">Not eligible</option>
      </SelectField>
      <SelectField label="Placement" name="placement" defaultValue={filter.placement ?? ''}>
        <option value="">Placed or not</option>
        <option value="placed">Placed</option>
        <option value="unplaced">Eligible, not placed</option>
      </SelectField>
      <SelectField label="Subgroup" name="subgroup" defaultValue={filter.subgroup ?? ''}>
        <option value="">All students</option>
        {Object.entries(SUBGROUPS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Flags" name="flag" defaultValue={filter.flag ?? ''}>
        <option value="">Flagged or not</option>
        <option value="any">Any flag</option>
        {Object.entries(flagLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <ButtonLink href={clearHref} variant="ghost">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
