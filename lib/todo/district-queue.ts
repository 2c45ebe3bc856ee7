// The district admin's to-do queue: every site's queue (./site-queue.ts) in one list,
// section by section, each item with its site. Read live, like the site's.
import 'server-only';
import { db } from '@/lib/db';
import type { Policy } from '@/lib/placement/policy';
import { siteTodo, type TodoItem, type TodoSection } from './site-queue';

export interface DistrictTodoItem extends TodoItem {
  site: { id: string; name: string };
}

export interface DistrictTodoSection extends Omit<TodoSection, 'items'> {
  items: DistrictTodoItem[];
}

export async function districtTodo(policy: Policy): Promise<DistrictTodoSection[]> {
  const sites = await db.site.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
  // One site at a time: each site's queue already reads in parallel.
  const perSite: { site: (typeof sites)[number]; sections: TodoSection[] }[] = [];
  for (const site of sites) perSite.push({ site, sections: await siteTodo(site.id, policy) });
  const first = perSite[0]?.sections ?? [];
  return first.map((section) => ({
    ...section,
    // The site's own wording of "what to do" is the same at every site.
    items: perSite.flatMap(({ site, sections }) =>
      (sections.find((s) => s.id === section.id)?.items ?? []).map((item) => ({
        ...item,
        key: `${site.id}:${item.key}`,
        site,
      })),
    ),
  }));
}
