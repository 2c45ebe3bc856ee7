'use client';

import { useId, useState } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import type { Role } from '@/lib/generated/prisma/enums';
import { roleLabels } from '@/lib/navigation';
import {
  CAPACITY_GROUPS_MAX,
  CREDENTIAL_STATUSES,
  GRADES,
  ROLES,
  SUBJECTS,
  credentialLabels,
  gradeLabel,
  isSiteRole,
  subjectLabels,
} from '@/lib/users/options';
import type { useFormAction } from './use-form-action';

export interface SiteOption {
  id: string;
  code: string;
  name: string;
}

export interface ProviderOption {
  id: string;
  name: string;
  kind: string;
}

export interface TutorProfileDefaults {
  providerId?: string;
  subjects?: string[];
  gradeMin?: number;
  gradeMax?: number;
  capacityGroups?: number | null;
  hourlyCostCents?: number | null;
  credentialStatus?: string;
}

type FormBinding = Pick<ReturnType<typeof useFormAction>, 'valueFor' | 'listFor' | 'errorFor'>;

const roleHints: Record<Role, string> = {
  DISTRICT_ADMIN: 'Manages sites, users, policy, calendar and imports; sees every site.',
  DISTRICT_LEADER: 'Sees every site read-only: dashboards, equity and reports.',
  SITE_COORDINATOR: 'Places students, builds groups and schedules, and follows up flags at their sites.',
  TUTOR: 'Logs sessions, attendance and probes for the groups they tutor.',
};

function ErrorText({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm font-medium text-danger-700">
      <span className="sr-only">Error: </span>
      {messages.join(' ')}
    </p>
  );
}

interface CheckboxGroupProps {
  legend: string;
  hint?: string;
  name: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string[];
  disabled?: boolean;
}

export function CheckboxGroup({ legend, hint, name, options, checked, error, disabled = false }: CheckboxGroupProps) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className="flex flex-col gap-1.5"
      aria-describedby={describedBy}
      aria-invalid={error?.length ? true : undefined}
      disabled={disabled}
    >
      <legend className="font-medium text-slate-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} messages={error} />
      <div className={`flex flex-wrap gap-x-5 gap-y-1 ${disabled ? 'opacity-60' : ''}`}>
        {options.map((option) => (
          <label key={option.value} className="flex min-h-11 items-center gap-2 text-slate-900">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
              className="size-5"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SiteCheckboxes({
  form,
  sites,
  initial,
  disabled,
}: {
  form: FormBinding;
  sites: SiteOption[];
  initial: string[];
  disabled: boolean;
}) {
  if (sites.length === 0)
    return (
      <p className="text-sm text-slate-700">No sites exist yet. Add a site before adding coordinators or tutors.</p>
    );
  return (
    <CheckboxGroup
      legend="Sites"
      hint={
        disabled ? 'District admins and leaders cover every site.' : 'The person sees and works on these sites only.'
      }
      name="siteIds"
      options={sites.map((site) => ({ value: site.id, label: `${site.name} (${site.code})` }))}
      checked={form.listFor('siteIds', initial)}
      error={form.errorFor('siteIds')}
      disabled={disabled}
    />
  );
}

function dollars(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '' : (cents / 100).toFixed(2);
}

export function TutorProfileFields({
  form,
  providers,
  defaults = {},
}: {
  form: FormBinding;
  providers: ProviderOption[];
  defaults?: TutorProfileDefaults;
}) {
  const num = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return (
    <fieldset className="grid gap-5 rounded-md border border-slate-200 p-4 md:grid-cols-2">
      <legend className="px-1 font-semibold text-slate-900">Tutor profile</legend>
      <SelectField
        label="Provider"
        name="providerId"
        defaultValue={form.valueFor('providerId', defaults.providerId ?? '')}
        error={form.errorFor('providerId')}
        hint={
          providers.length === 0
            ? 'No provider organizations exist yet: ask a district admin to add one.'
            : 'District staff or the partner organization that employs the tutor.'
        }
      >
        <option value="">Choose a provider…</option>
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.name}
            {provider.kind === 'PARTNER' ? ' (partner)' : ' (district staff)'}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Credential status"
        name="credentialStatus"
        defaultValue={form.valueFor('credentialStatus', defaults.credentialStatus ?? 'PENDING')}
        error={form.errorFor('credentialStatus')}
        hint="Training and background clearance."
      >
        {CREDENTIAL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {credentialLabels[status]}
          </option>
        ))}
      </SelectField>
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Subjects"
          name="subjects"
          options={SUBJECTS.map((subject) => ({ value: subject, label: subjectLabels[subject] }))}
          checked={form.listFor('subjects', defaults.subjects ?? [])}
          error={form.errorFor('subjects')}
        />
      </div>
      <SelectField
        label="Lowest grade"
        name="gradeMin"
        defaultValue={form.valueFor('gradeMin', num(defaults.gradeMin))}
        error={form.errorFor('gradeMin')}
      >
        <option value="">Choose…</option>
        {GRADES.map((grade) => (
          <option key={grade} value={grade}>
            {gradeLabel(grade)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Highest grade"
        name="gradeMax"
        defaultValue={form.valueFor('gradeMax', num(defaults.gradeMax))}
        error={form.errorFor('gradeMax')}
      >
        <option value="">Choose…</option>
        {GRADES.map((grade) => (
          <option key={grade} value={grade}>
            {gradeLabel(grade)}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Weekly capacity (groups)"
        name="capacityGroups"
        type="number"
        inputMode="numeric"
        min={1}
        max={CAPACITY_GROUPS_MAX}
        defaultValue={form.valueFor('capacityGroups', num(defaults.capacityGroups))}
        error={form.errorFor('capacityGroups')}
        hint="Optional. How many groups the tutor can take each week."
      />
      <TextField
        label="Hourly cost ($)"
        name="hourlyCost"
        inputMode="decimal"
        defaultValue={form.valueFor('hourlyCost', dollars(defaults.hourlyCostCents))}
        error={form.errorFor('hourlyCost')}
        hint="Optional. Used for cost per delivered hour, like 32.50."
        maxLength={8}
      />
    </fieldset>
  );
}

export interface RoleFieldsProps {
  form: FormBinding;
  sites: SiteOption[];
  providers: ProviderOption[];
  initialRole: Role;
  initialSiteIds?: string[];
  profileDefaults?: TutorProfileDefaults;
  roleHint?: string;
}

/** Role, then what the role needs: sites for coordinators and tutors, a profile for tutors. */
export function RoleFields({
  form,
  sites,
  providers,
  initialRole,
  initialSiteIds = [],
  profileDefaults,
  roleHint,
}: RoleFieldsProps) {
  const submitted = form.valueFor('role', initialRole);
  const [role, setRole] = useState<Role>(
    (ROLES as readonly string[]).includes(submitted) ? (submitted as Role) : initialRole,
  );
  return (
    <>
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
        error={form.errorFor('role')}
        hint={roleHint ? `${roleHints[role]} ${roleHint}` : roleHints[role]}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {roleLabels[value]}
          </option>
        ))}
      </SelectField>
      <SiteCheckboxes form={form} sites={sites} initial={initialSiteIds} disabled={!isSiteRole(role)} />
      {role === 'TUTOR' ? <TutorProfileFields form={form} providers={providers} defaults={profileDefaults} /> : null}
    </>
  );
}
