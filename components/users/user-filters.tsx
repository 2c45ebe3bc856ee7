import { Button, ButtonLink } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { roleLabels } from '@/lib/navigation';
import { ROLES } from '@/lib/users/options';
import type { UserListFilter } from '@/lib/users/schemas';

/** A plain GET form: filters live in the address, so a filtered list can be shared. */
export function UserFilters({ filter }: { filter: UserListFilter }) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter users"
      className="mb-6 grid items-end gap-4 md:grid-cols-[2fr_1fr_1fr_auto]"
    >
      <TextField
        label="Search"
        name="q"
        type="search"
        defaultValue={filter.q ?? ''}
        maxLength={100}
        hint="Name or email contains."
      />
      <SelectField label="Role" name="role" defaultValue={filter.role ?? ''}>
        <option value="">All roles</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {roleLabels[role]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Status" name="status" defaultValue={filter.status ?? ''}>
        <option value="">Active and deactivated</option>
        <option value="active">Active</option>
        <option value="deactivated">Deactivated</option>
      </SelectField>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <ButtonLink href="/district/users" variant="ghost">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
