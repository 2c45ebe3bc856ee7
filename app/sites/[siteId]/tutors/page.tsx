import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { AbsenceForm } from '@/components/users/absence-form';
import { AbsencesList } from '@/components/users/absences-list';
import { AddSiteTutorForm } from '@/components/users/add-site-tutor-form';
import { districtToday } from '@/lib/settings/district';
import { SiteTutorsTable } from '@/components/users/site-tutors-table';
import { authorizePage } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { providerOptions, siteAbsences, siteTutors } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Tutors' };

export default async function SiteTutorsPage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const user = await authorizePage('site.view', { siteId }, `/sites/${siteId}/tutors`);
  const canAdd = can(user.role, 'site.tutors.add');
  const canStaff = can(user.role, 'site.groups.manage');
  const today = await districtToday(db);
  const [site, tutors, providers, absences] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: siteId }, select: { name: true } }),
    siteTutors(siteId),
    canAdd ? providerOptions() : Promise.resolve([]),
    canStaff ? siteAbsences(siteId, today) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader
        title="Tutors"
        description={`Who tutors at ${site.name}: subjects, grades, capacity and credentials.`}
      />
      <div className="flex flex-col gap-6">
        {tutors.length === 0 ? (
          <EmptyState
            title="No tutors at this site yet"
            description={canAdd ? 'Add the first tutor below.' : undefined}
          />
        ) : (
          <SiteTutorsTable tutors={tutors} siteName={site.name} />
        )}
        {canStaff && tutors.length ? (
          <Card
            title="Record a tutor out"
            description="Absent for a day, or on leave for longer: their sessions then show on the to-do queue until a substitute is assigned."
          >
            <AbsenceForm
              siteId={siteId}
              tutors={tutors.filter((t) => t.active).map((t) => ({ id: t.id, name: t.name }))}
              today={today}
            />
            {absences.length ? (
              <div className="mt-6 flex flex-col gap-2">
                <h3 className="font-semibold">Recorded out, today and later</h3>
                <AbsencesList siteId={siteId} absences={absences} />
              </div>
            ) : null}
          </Card>
        ) : null}
        {canAdd ? (
          <Card
            title="Add a tutor"
            description={`The tutor is added at ${site.name} only, and gets a one-time link to set a password.`}
          >
            <AddSiteTutorForm siteId={siteId} siteName={site.name} providers={providers} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
