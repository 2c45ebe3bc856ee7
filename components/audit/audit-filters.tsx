import { Button, ButtonLink } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { AUDIT_FILTER_LABELS, type AuditFilters as Filters } from '@/lib/audit/schemas';

/** A plain GET form: the filters live in the address, so a view of the log can be shared. */
export function AuditFilters({ filters }: { filters: Filters }) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the audit log"
      className="mb-6 grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <TextField
        label={AUDIT_FILTER_LABELS.actor}
        name="actor"
        type="search"
        maxLength={254}
        defaultValue={filters.actor ?? ''}
      />
      <TextField
        label={AUDIT_FILTER_LABELS.action}
        name="action"
        maxLength={100}
        defaultValue={filters.action ?? ''}
        hint="Exact name, like users.create."
      />
      <TextField
        label={AUDIT_FILTER_LABELS.entityType}
        name="entityType"
        maxLength={60}
        defaultValue={filters.entityType ?? ''}
        hint="Like user or district_settings."
      />
      <TextField
        label={AUDIT_FILTER_LABELS.entityId}
        name="entityId"
        maxLength={100}
        defaultValue={filters.entityId ?? ''}
      />
      <TextField label={AUDIT_FILTER_LABELS.from} name="from" type="date" defaultValue={filters.from ?? ''} />
      <TextField
        label={AUDIT_FILTER_LABELS.to}
        name="to"
        type="date"
        defaultValue={filters.to ?? ''}
        hint="Includes the whole day."
      />
      <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <ButtonLink href="/district/audit-log" variant="ghost">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
