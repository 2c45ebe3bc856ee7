'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { activeHrefFor, type NavigationItem } from '@/lib/navigation';

export function NavLinks({ items }: { items: NavigationItem[] }) {
  const pathname = usePathname() ?? '';
  const activeHref = activeHrefFor(pathname, items);
  return (
    <ul className="flex gap-1 lg:sticky lg:top-4 lg:flex-col">
      {items.map(({ label, href }) => {
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
  );
}
