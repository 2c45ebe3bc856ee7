import type { Metadata } from 'next';
import { TodoQueue } from '@/components/todo/todo-queue';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { placementPolicy } from '@/lib/placement/policy';
import { districtTodo } from '@/lib/todo/district-queue';

export const metadata: Metadata = { title: 'To do across the district' };

/** Every site's to-do queue in one list, with a site column (the coordinators' own queues, for the admin). */
export default async function DistrictTodoPage() {
  await authorizePage('district.todo', undefined, '/district/todo');
  const sections = await districtTodo(await placementPolicy());
  return (
    <>
      <PageHeader
        title="To do across the district"
        description="What every site's coordinator has to do this week, by site. Each item leads to where it is fixed; it leaves the list once it is."
      />
      <TodoQueue sections={sections} />
    </>
  );
}
