'use client';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/users/use-form-action';
import { endPlacementAction, movePlacementAction } from '@/lib/placement/actions';
import { END_REASONS } from '@/lib/placement/labels';
import type { GroupOption } from './place-form';
import { RuleFeedback } from './rule-feedback';

interface MembershipProps {
  groupId: string;
  membershipId: string;
  studentName: string;
  defaultDate: string;
}

/** Moves a student to another group: closes this placement, opens the next (history kept). */
export function MoveForm({
  groupId,
  membershipId,
  studentName,
  defaultDate,
  groups,
}: MembershipProps & { groups: GroupOption[] }) {
  const form = useFormAction(movePlacementAction);
  const { result } = form.state;
  if (groups.length === 0)
    return <p className="text-sm text-slate-600">No other group in this subject has a free seat.</p>;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-3"
      aria-label={`Move ${studentName}`}
    >
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <SelectField
            label={`Move ${studentName} to`}
            name="toGroupId"
            defaultValue={form.valueFor('toGroupId')}
            error={form.errorFor('toGroupId')}
          >
            <option value="">Choose a group…</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="w-44">
          <TextField
            label="First day there"
            name="startDate"
            type="date"
            defaultValue={form.valueFor('startDate', defaultDate)}
            error={form.errorFor('startDate')}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Moving…' : 'Move'}
        </Button>
      </div>
      <RuleFeedback result={result} confirmLabel={`Move ${studentName} anyway`} />
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}

/** Ends a placement on a last day, with the reason; the history stays. */
export function EndForm({ groupId, membershipId, studentName, defaultDate }: MembershipProps) {
  const form = useFormAction(endPlacementAction);
  const { result } = form.state;
  return (
    <form
      key={form.state.version}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="flex flex-col gap-3"
      aria-label={`Remove ${studentName}`}
    >
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-44">
          <TextField
            label="Last day"
            name="endDate"
            type="date"
            defaultValue={form.valueFor('endDate', defaultDate)}
            error={form.errorFor('endDate')}
          />
        </div>
        <div className="min-w-48 flex-1">
          <SelectField
            label="Reason"
            name="reason"
            defaultValue={form.valueFor('reason', '')}
            error={form.errorFor('reason')}
          >
            {/* Nothing is recorded until the coordinator says why. */}
            <option value="">Choose why they leave</option>
            {END_REASONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" variant="danger" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Removing…' : `Remove ${studentName.split(' ')[0]}`}
        </Button>
      </div>
      <FormMessage tone="error" message={result && !result.ok ? result.message : null} />
      <FormMessage tone="success" message={result?.ok ? result.data.message : null} />
    </form>
  );
}
