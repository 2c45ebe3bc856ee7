import { Badge } from '@/components/ui/badge';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { credentialLabels, gradeBandLabel, subjectLabels } from '@/lib/users/options';
import type { SiteTutorRow } from '@/lib/users/queries';

const credentialTone = { PENDING: 'warning', IN_TRAINING: 'info', CLEARED: 'success', EXPIRED: 'danger' } as const;

function capacity(profile: SiteTutorRow['tutorProfile']): string {
  if (profile?.capacityGroups) return `${profile.capacityGroups} groups`;
  if (profile?.capacityMinutesPerWeek) return `${profile.capacityMinutesPerWeek} min/week`;
  return '—';
}

function overCapacity(profile: SiteTutorRow['tutorProfile'], load: SiteTutorRow['load']): boolean {
  return Boolean(
    (profile?.capacityGroups && load.groups > profile.capacityGroups) ||
    (profile?.capacityMinutesPerWeek && load.minutesPerWeek > profile.capacityMinutesPerWeek),
  );
}

export function SiteTutorsTable({ tutors, siteName }: { tutors: SiteTutorRow[]; siteName: string }) {
  return (
    <Table caption={`Tutors at ${siteName}`} captionHidden>
      <TableHead>
        <TableRow>
          <HeaderCell>Name</HeaderCell>
          <HeaderCell>Email</HeaderCell>
          <HeaderCell>Subjects</HeaderCell>
          <HeaderCell>Grades</HeaderCell>
          <HeaderCell>Weekly capacity</HeaderCell>
          <HeaderCell numeric>Active groups here</HeaderCell>
          <HeaderCell>Load (all sites)</HeaderCell>
          <HeaderCell>Provider</HeaderCell>
          <HeaderCell>Credential</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tutors.map(({ id, name, email, active, tutorProfile: profile, activeGroups, load }) => (
          <TableRow key={id}>
            <HeaderCell scope="row">
              {name}
              {active ? null : (
                <span className="ml-2">
                  <Badge tone="danger">Deactivated</Badge>
                </span>
              )}
            </HeaderCell>
            <Cell className="whitespace-nowrap">{email}</Cell>
            <Cell>{profile ? profile.subjects.map((s) => subjectLabels[s]).join(', ') : '—'}</Cell>
            <Cell className="whitespace-nowrap">
              {profile ? gradeBandLabel(profile.gradeMin, profile.gradeMax) : '—'}
            </Cell>
            <Cell className="whitespace-nowrap">{capacity(profile)}</Cell>
            <Cell numeric>{activeGroups}</Cell>
            <Cell className="whitespace-nowrap">
              {load.groups} group{load.groups === 1 ? '' : 's'} · {load.minutesPerWeek} min/week
              {overCapacity(profile, load) ? (
                <span className="ml-2">
                  <Badge tone="warning">Over capacity</Badge>
                </span>
              ) : null}
            </Cell>
            <Cell>{profile?.provider.name ?? '—'}</Cell>
            <Cell>
              {profile ? (
                <Badge tone={credentialTone[profile.credentialStatus]}>
                  {credentialLabels[profile.credentialStatus]}
                </Badge>
              ) : (
                '—'
              )}
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
