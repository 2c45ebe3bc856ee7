import type { Metadata } from 'next';
import { formatDay } from '@/lib/dates';
import { notFound } from 'next/navigation';
import { ProbeChart } from '@/components/tutor/probe-chart';
import { ProbeForm } from '@/components/tutor/probe-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { groupProbes } from '@/lib/tutor/queries';

export const metadata: Metadata = { title: 'Probes' };

const KIND = { PRE: 'pre', PROGRESS: 'progress', POST: 'post' } as const;

export default async function GroupProbesPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params;
  const user = await authorizePage('probes.record', { groupId }, `/tutor/groups/${groupId}/probes`);
  const data = await groupProbes(user, groupId);
  if (!data) notFound();
  const { group, students, today } = data;
  return (
    <>
      <PageHeader
        title={`${group.name}: probes`}
        description={`Measure: ${group.measure}${group.detail ? ` (${group.detail})` : ''}. Each student's scores against the aim line from their pre score to their goal.`}
      />
      <div className="flex flex-col gap-6">
        <Card title="Enter scores">
          {students.length === 0 ? (
            <EmptyState headingLevel={3} title="No students in this group today" />
          ) : (
            <ProbeForm
              groupId={group.id}
              groupName={group.name}
              measure={group.measure}
              maxScore={group.maxScore}
              today={today}
              students={students.map((s) => ({ id: s.id, name: s.name }))}
            />
          )}
        </Card>
        <ul className="grid gap-4 md:grid-cols-2">
          {students.map((s) => {
            const pre = s.scores.find((x) => x.kind === 'PRE');
            const aim =
              pre && s.goal !== null
                ? { from: { date: s.placedOn, score: pre.score }, to: { date: s.goalDate, score: s.goal } }
                : null;
            const latest = s.scores[s.scores.length - 1];
            return (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h2 className="font-semibold">{s.name}</h2>
                <p className="text-sm text-slate-700">
                  {latest
                    ? `Latest ${latest.score} (${KIND[latest.kind]}, ${formatDay(latest.date)})`
                    : 'No scores yet'}
                  {s.goal !== null ? ` · goal ${s.goal} by ${s.goalDate}` : ' · no goal set'}
                </p>
                {s.scores.length ? (
                  <ProbeChart
                    scores={s.scores}
                    aim={aim}
                    goal={s.goal}
                    label={`${s.name}'s ${group.measure} scores against the aim line`}
                  />
                ) : null}
                {s.scores.length ? (
                  <p className="text-sm text-slate-600">
                    Scores: {s.scores.map((x) => `${formatDay(x.date)} ${x.score} (${KIND[x.kind]})`).join('; ')}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}
