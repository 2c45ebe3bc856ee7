import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignedInShell } from '@/components/layout/signed-in-shell';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { sitePath } from '@/lib/navigation';

export const metadata: Metadata = { title: 'Sites' };

export default async function MySitesPage() {
  const user = await authorizePage('account.use', undefined, '/sites');
  if (user.role === 'TUTOR') redirect('/tutor');
  const sites = await db.site.findMany({
    where: user.role === 'SITE_COORDINATOR' ? { id: { in: user.siteIds } } : {},
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  });
  return (
    <SignedInShell user={user}>
      <PageHeader title="Sites" />
      {sites.length === 0 ? (
        <EmptyState title="No sites yet" description="A district admin assigns coordinators to their sites." />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {sites.map((site) => (
            <li key={site.id}>
              <Link
                href={sitePath(site.id)}
                className="flex min-h-11 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-primary-600"
              >
                <span className="font-semibold">{site.name}</span>
                <span className="text-sm text-slate-600">{site.code}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </SignedInShell>
  );
}
