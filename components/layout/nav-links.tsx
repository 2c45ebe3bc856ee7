'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { activeHrefFor, type NavigationItem } from '@/lib/navigation';

export interface NavGroup {
  /** A heading for a group after the first (e.g. the site an admin is viewing). */
  title?: string;
  items: NavigationItem[];
}

/** The menu: one list per group; the current item is the closest match across all of them. */
export function NavLinks({ groups }: { groups: NavGroup[] }) {
  const pathname = usePathname() ?? '';
  const activeHref = activeHrefFor(
    pathname,
    groups.flatMap((g) => g.items),
  );
  return (
    <div className="flex gap-1 lg:sticky lg:top-4 lg:flex-col lg:gap-4">
      {groups.map((group, i) => (
        <div key={group.title ?? i} className="flex items-center gap-1 lg:flex-col lg:items-stretch">
          {group.title ? (
            <h2
              id={`nav-group-${i}`}
              className="shrink-0 border-l border-slate-300 px-3 text-xs font-semibold tracking-wide text-slate-600 uppercase lg:border-t lg:border-l-0 lg:pt-3"
            >
              {group.title}
            </h2>
          ) : null}
          <ul className="flex gap-1 lg:flex-col" aria-labelledby={group.title ? `nav-group-${i}` : undefined}>
            {group.items.map(({ label, href }) => {
              const isActive = href === activeHref;
              return (
                <li key={href} className="shrink-0">
                  <Link
                    href={href}
                    // "page" only for the exact page; a parent section of the current page is "true".
                    aria-current={isActive ? (pathname.replace(/\/+$/, '') === href ? 'page' : 'true') : undefined}
                    className={
                      'flex min-h-11 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap no-underline transition-[background-color,border-color,color] ' +
                      (isActive
                        ? 'bg-primary-50 font-semibold text-primary-800 shadow-[inset_0_-3px_0_var(--color-primary-700)] lg:shadow-[inset_3px_0_0_var(--color-primary-700)]'
                        : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900')
                    }
                  >
                    {label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
