import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { GroupForm } from '@/components/placement/group-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { measureChoices } from '@/lib/measures/queries';
import { subjectLabels } from '@/lib/placement/priority';
import { groupDetail } from '@/lib/placement/groups';
import { placementPolicy } from '@/lib/placement/policy';

export const metadata: Metadata = { title: 'Edit group' };

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export default async function EditGroupPage({ params }: { params: Promise<{ siteId: string; groupId: string }> }) {
  const { siteId, groupId } = await params;
  await authorizePage('site.groups.manage', { groupId }, `/sites/${siteId}/groups/${groupId}/edit`);
  const group = await groupDetail(groupId);
  if (!group || group.siteId !== siteId || group.status !== 'ACTIVE') notFound();
  const policy = await placementPolicy();
  const measures = await measureChoices(db, group.probeMeasure);
  return (
    <>
      <PageHeader
        title={`Edit ${group.name}`}
        description="Changing the weekly meetings or dates regenerates the sessions still to come; sessions already logged stay exactly as recorded."
      />
      <Card>
        <GroupForm
          siteId={siteId}
          tutors={[]}
          cycles={[]}
          measures={measures}
          defaultStartDate={group.startDate}
          editing={{
            groupId: group.id,
            fixed: `${subjectLabels[group.subject]} · ${group.cycle.name} · taught by ${group.primaryTutor.name} (change the tutor on the group's page).`,
            subject: group.subject,
            startLocked: group.startDate <= policy.today,
            values: {
              name: group.name,
              gradeMin: String(group.gradeMin),
              gradeMax: String(group.gradeMax),
              targetSkill: group.targetSkill,
              probeMeasure: group.probeMeasure,
              modality: group.modality,
              room: group.room ?? '',
              startDate: group.startDate,
              endDate: group.endDate,
              days: group.meetings.map((m) => String(m.weekday)),
              starts: group.meetings.map((m) => hhmm(m.startMinute)),
              minutes: group.meetings.map((m) => String(m.plannedMinutes)),
            },
          }}
        />
      </Card>
    </>
  );
}
