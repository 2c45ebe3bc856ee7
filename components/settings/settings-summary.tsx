import { Card } from '@/components/ui/card';
import { DISTRICT_NAME_HINT, SETTINGS_SECTIONS, TIME_ZONE_HINT, type SettingsValues } from '@/lib/settings/fields';

function Setting({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="flex flex-col gap-1 border-b border-slate-100 py-3 last:border-b-0">
      <dt className="font-medium text-slate-900">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
      <dd className="text-sm text-slate-600">{hint}</dd>
    </div>
  );
}

/** The policy, read-only: what a district leader sees. */
export function SettingsSummary({ values }: { values: SettingsValues }) {
  return (
    <div className="flex flex-col gap-6">
      <Card title="District">
        <dl>
          <Setting label="District name" value={values.districtName} hint={DISTRICT_NAME_HINT} />
          <Setting label="Time zone" value={values.timeZone.replaceAll('_', ' ')} hint={TIME_ZONE_HINT} />
        </dl>
      </Card>
      {SETTINGS_SECTIONS.map((section) => (
        <Card key={section.title} title={section.title} description={section.description}>
          <dl>
            {section.fields.map((field) => (
              <Setting
                key={field.name}
                label={field.label}
                value={field.unit === '%' ? `${values[field.name]}%` : `${values[field.name]} ${field.unit}`}
                hint={field.hint}
              />
            ))}
          </dl>
        </Card>
      ))}
    </div>
  );
}
