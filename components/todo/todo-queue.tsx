import Link from 'next/link';
import { RemindButton } from './remind-button';
import type { DistrictTodoSection } from '@/lib/todo/district-queue';
import type { TodoSection } from '@/lib/todo/site-queue';

/** How many items a section lists before sending the coordinator to the page that has them all. */
const SHOWN = 8;
/** District-wide, a section lists more (each row names its site). */
const SHOWN_DISTRICT = 25;

/**
 * The coordinator's to-do queue (lib/todo/site-queue.ts): one section per kind of work
 * with its count, each item a link to where it is fixed. Sections with nothing to do
 * say so in one line, so an empty queue reads as "all done", not as missing data.
 */
export function TodoQueue({
  sections,
  canAct = true,
}: {
  sections: TodoSection[] | DistrictTodoSection[];
  /** May log for a tutor and remind them (a leader reading a site's queue may not). */
  canAct?: boolean;
}) {
  const open = sections.filter((s) => s.items.length > 0);
  const done = sections.filter((s) => s.items.length === 0);
  return (
    <section aria-labelledby="todo-heading" className="flex flex-col gap-4">
      <h2 id="todo-heading" className="text-xl font-semibold">
        To do {open.length ? `(${open.reduce((n, s) => n + s.items.length, 0)})` : ''}
      </h2>
      {open.length === 0 ? (
        <p className="rounded-lg border border-success-200 bg-success-50 px-4 py-3 text-success-700">
          Nothing to do: every past session is logged, every flag followed up, every group on track.
        </p>
      ) : null}
      {open.map((section) => (
        <section
          key={section.id}
          aria-labelledby={`todo-${section.id}`}
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h3 id={`todo-${section.id}`} className="text-lg font-semibold">
            {section.title} ({section.items.length})
          </h3>
          <p className="mt-1 text-sm text-slate-700">{section.action}</p>
          {isDistrict(section) ? (
            <SiteItems section={section} />
          ) : (
            <ul className="mt-2 flex flex-col">
              {section.items.slice(0, SHOWN).map((item) => (
                <li key={item.key} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
                  {item.remind && !canAct ? (
                    // Logging for the tutor is the coordinator's: a reader sees the item only.
                    <span className="flex min-h-11 items-center">{item.text}</span>
                  ) : (
                    <Link
                      href={item.href}
                      className="flex min-h-11 items-center text-primary-700 underline underline-offset-2"
                    >
                      {item.text}
                    </Link>
                  )}
                  {item.remind && canAct ? <RemindButton {...item.remind} /> : null}
                </li>
              ))}
            </ul>
          )}
          {section.items.length > (isDistrict(section) ? SHOWN_DISTRICT : SHOWN) ? (
            <p className="mt-1 text-sm text-slate-700">
              and {section.items.length - (isDistrict(section) ? SHOWN_DISTRICT : SHOWN)} more
              {isDistrict(section) ? ' (each site’s overview lists its own)' : ''}.
            </p>
          ) : null}
        </section>
      ))}
      {done.length && open.length ? (
        <p className="text-sm text-slate-700">
          Nothing to do for: {done.map((s) => s.title.toLowerCase()).join('; ')}.
        </p>
      ) : null}
    </section>
  );
}

const isDistrict = (section: TodoSection | DistrictTodoSection): section is DistrictTodoSection =>
  section.items.some((item) => 'site' in item);

/** District-wide: a row per item, its site first (the site's overview has the site's whole queue). */
function SiteItems({ section }: { section: DistrictTodoSection }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <caption className="sr-only">{section.title}, by site</caption>
      <thead>
        <tr className="border-b border-slate-200 text-slate-700">
          <th scope="col" className="py-2 pr-4 font-semibold">
            Site
          </th>
          <th scope="col" className="py-2 font-semibold">
            To do
          </th>
        </tr>
      </thead>
      <tbody>
        {section.items.slice(0, SHOWN_DISTRICT).map((item) => (
          <tr key={item.key} className="border-b border-slate-100 align-top">
            <td className="py-0 pr-4">
              <Link
                href={`/sites/${item.site.id}`}
                className="flex min-h-11 items-center whitespace-nowrap text-primary-700 underline underline-offset-2"
              >
                {item.site.name}
              </Link>
            </td>
            <td className="py-0">
              <Link
                href={item.href}
                className="flex min-h-11 items-center text-primary-700 underline underline-offset-2"
              >
                {item.text}
              </Link>
              {item.remind ? <RemindButton {...item.remind} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
