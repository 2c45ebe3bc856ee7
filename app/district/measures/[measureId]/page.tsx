import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MeasureForm, MergeMeasureForm } from '@/components/measures/measure-forms';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { isUuid } from '@/lib/codes';
import { db } from '@/lib/db';
import { measureList } from '@/lib/measures/queries';
import { subjectLabels } from '@/lib/placement/priority';

export const metadata: Metadata = { title: 'Edit probe measure' };

export default async function MeasurePage({ params }: { params: Promise<{ measureId: string }> }) {
  const { measureId } = await params;
  await authorizePage('measures.manage', undefined, `/district/measures/${measureId}`);
  if (!isUuid(measureId)) notFound();
  const measures = await measureList(db);
  const measure = measures.find((m) => m.id === measureId);
  if (!measure) notFound();
  const others = measures.filter((m) => m.id !== measure.id && m.subject === measure.subject);
  return (
    <>
      <PageHeader
        title={measure.name}
        description={`${subjectLabels[measure.subject]} · used by ${measure.groups} group${measure.groups === 1 ? '' : 's'} · ${measure.probes} score${measure.probes === 1 ? '' : 's'} recorded. A new name follows to its groups and scores.`}
        actions={
          <ButtonLink href="/district/measures" variant="secondary">
            All measures
          </ButtonLink>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title="Details">
          <MeasureForm
            measure={{
              id: measure.id,
              name: measure.name,
              subject: measure.subject,
              maxScore: measure.maxScore === null ? '' : String(measure.maxScore),
              benchmark: measure.benchmark === null ? '' : String(measure.benchmark),
              direction: measure.direction,
              active: measure.active,
            }}
          />
        </Card>
        <Card title="Merge into another measure">
          <p className="mb-4 max-w-prose text-slate-700">
            When two entries name one measure (“ORF wcpm” and “ORF words correct per minute”), merge one into the other
            so every student&apos;s scores count toward one growth figure.
          </p>
          {others.length ? (
            <MergeMeasureForm
              measure={{ id: measure.id, name: measure.name }}
              others={others.map((o) => ({ id: o.id, name: o.name }))}
            />
          ) : (
            <p className="text-slate-700">No other {subjectLabels[measure.subject]} measure is on the list.</p>
          )}
        </Card>
      </div>
    </>
  );
}
