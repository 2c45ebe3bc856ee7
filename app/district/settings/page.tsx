import type { Metadata } from 'next';
import { SettingsForm } from '@/components/settings/settings-form';
import { SettingsSummary } from '@/components/settings/settings-summary';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { districtSettings } from '@/lib/settings/queries';
import { formatDateTime, timeZoneChoices } from '@/lib/settings/time-zone';

export const metadata: Metadata = { title: 'District settings' };

export default async function SettingsPage() {
  const user = await authorizePage('settings.view', undefined, '/district/settings');
  const canEdit = can(user.role, 'settings.update');
  const { values, updatedAt, updatedByName } = await districtSettings();
  const lastChange = updatedAt
    ? `Last changed ${formatDateTime(updatedAt, values.timeZone)}${updatedByName ? ` by ${updatedByName}` : ''}.`
    : 'These are the default values; nobody has changed them yet.';
  return (
    <>
      <PageHeader
        title="District settings"
        description={`The tutoring policy every dashboard, flag and report uses. ${lastChange}${canEdit ? '' : ' Only a district admin can change them.'}`}
      />
      {canEdit ? (
        <Card>
          <SettingsForm
            values={values}
            updatedAt={updatedAt?.toISOString() ?? null}
            timeZones={timeZoneChoices(values.timeZone)}
          />
        </Card>
      ) : (
        <SettingsSummary values={values} />
      )}
    </>
  );
}
