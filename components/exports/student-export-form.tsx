import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { MAX_EXPORT_DAYS, STUDENT_EXPORT_COLUMNS, type ExportFormState } from '@/lib/student-export/form';

/**
 * The per-student export as a plain GET form to the download route: the browser saves
 * the file and the page stays. A site's page fixes the site (a hidden field); the
 * district page offers every site.
 */
export function StudentExportForm({
  state,
  sites,
  fixedSiteId,
}: {
  state: ExportFormState;
  sites?: { id: string; code: string; name: string }[];
  fixedSiteId?: string;
}) {
  const { values, errors } = state;
  const invalid = Object.keys(errors).length > 0;
  return (
    <section
      aria-labelledby="student-export-heading"
      className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id="student-export-heading" className="text-xl font-semibold">
        Per-student dose and goals (CSV)
      </h2>
      <p className="mt-2 text-slate-700">
        One row per student and group placed during the dates you choose: dose scheduled and delivered, sessions
        scheduled and attended, latest score, goal and whether it was met. These are student-level records, not
        suppressed: keep the file as you would any student record. Each download is recorded in the audit log.
      </p>
      {invalid ? (
        <FormMessage tone="error" message="The export was not made. Check the fields marked below." className="mt-4" />
      ) : null}
      <form method="get" action="/api/exports/students" className="mt-4 grid items-start gap-4 sm:grid-cols-2">
        <TextField label="From" name="from" type="date" required defaultValue={values.from} error={errors.from} />
        <TextField
          label="To"
          name="to"
          type="date"
          required
          defaultValue={values.to}
          error={errors.to}
          hint={`At most ${MAX_EXPORT_DAYS} days.`}
        />
        {fixedSiteId ? (
          <>
            <input type="hidden" name="site" value={fixedSiteId} />
            <input type="hidden" name="origin" value="site" />
          </>
        ) : (
          <>
            <input type="hidden" name="origin" value="district" />
            <SelectField label="Site" name="site" defaultValue={values.site} error={errors.site}>
              <option value="">All sites</option>
              {(sites ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.code})
                </option>
              ))}
            </SelectField>
          </>
        )}
        <SelectField label="Subject" name="subject" defaultValue={values.subject} error={errors.subject}>
          <option value="">Math and ELA</option>
          <option value="MATH">Math</option>
          <option value="ELA">ELA</option>
        </SelectField>
        <div className="sm:col-span-2">
          <Button type="submit">Download per-student CSV</Button>
        </div>
      </form>
      <details className="mt-6">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-primary-700 underline underline-offset-2">
          Columns in the file
        </summary>
        <ul className="mt-2 list-disc pl-6 font-mono text-sm text-slate-800">
          {STUDENT_EXPORT_COLUMNS.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">
          Dose follows the district’s definitions: scheduled counts every planned session in the dates (cancelled ones
          too, make-ups not); delivered counts minutes attended in held sessions. The latest score is the last post
          score, else the last progress score, up to the end date.
        </p>
      </details>
    </section>
  );
}
