import type { Metadata } from 'next';
import { AppShell } from '@/components/layout/app-shell';
import { Badge, SessionStatusBadge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Stat, StatGroup } from '@/components/ui/stat';
import { FieldsExample } from './fields-example';
import { TableExample } from './table-example';

export const metadata: Metadata = { title: 'Style guide' };

export default function StyleGuidePage() {
  return (
    <AppShell districtName="Riverside Unified School District" user={{ name: 'Alex Rivera', role: 'DISTRICT_ADMIN' }}>
      <PageHeader
        title="Style guide"
        description="Every shared building block in one place, inside the app shell as a district admin sees it."
        actions={
          <>
            <ButtonLink href="/" variant="secondary">
              Start page
            </ButtonLink>
            <Button>Primary action</Button>
          </>
        }
      />

      <div className="flex flex-col gap-8">
        <Card title="Buttons" description="Every size keeps a 44px touch target.">
          <div className="flex flex-col gap-4">
            <div className="flex flex-wrap gap-3">
              <Button>Save placement</Button>
              <Button variant="secondary">Cancel</Button>
              <Button variant="danger">Cancel session</Button>
              <Button variant="ghost">Show more</Button>
              <Button disabled>Saving…</Button>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <Button size="sm">Small</Button>
              <Button size="md">Medium</Button>
              <Button size="lg">Large</Button>
              <ButtonLink href="/styleguide#badges" variant="secondary">
                A link styled as a button
              </ButtonLink>
            </div>
          </div>
        </Card>

        <FieldsExample />

        <section aria-labelledby="stats-heading" className="flex flex-col gap-3">
          <h2 id="stats-heading" className="text-lg font-semibold">
            Stats
          </h2>
          <StatGroup label="This week across the district">
            <Stat
              label="Dose rate"
              value="84%"
              change={{ value: '+6 pts', direction: 'up', meaning: 'good', comparedWith: 'vs last week' }}
            />
            <Stat label="Students placed" value="412" change={{ value: '+18', direction: 'up', meaning: 'good' }} />
            <Stat
              label="Lost minutes"
              value="1,240"
              change={{ value: '+310', direction: 'up', meaning: 'bad', comparedWith: 'vs last week' }}
            />
            <Stat label="Session delivery rate" value="93%" change={{ value: '0 pts', direction: 'flat' }} />
          </StatGroup>
        </section>

        <TableExample />

        <Card title="Badges">
          <div id="badges" className="flex flex-wrap gap-2">
            <SessionStatusBadge status="scheduled" />
            <SessionStatusBadge status="held" />
            <SessionStatusBadge status="cancelled" />
            <Badge>Withdrawn</Badge>
            <Badge tone="warning">Under-dosed — not yet judged</Badge>
            <Badge tone="success">Met goal</Badge>
            <Badge tone="danger">3 absences in a row</Badge>
          </div>
        </Card>

        <Card title="Empty state">
          <EmptyState
            headingLevel={3}
            title="No groups yet"
            description="Groups you build for this site will appear here, with their tutor, schedule and members."
            action={<Button>Create a group</Button>}
          />
        </Card>
      </div>
    </AppShell>
  );
}
