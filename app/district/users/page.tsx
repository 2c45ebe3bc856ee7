import { db } from '@/lib/db';
import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { UserFilters } from '@/components/users/user-filters';
import { UsersTable } from '@/components/users/users-table';
import { authorizePage } from '@/lib/auth/guards';
import { districtTimeZone } from '@/lib/settings/district';
import { listUsers, staffCandidates } from '@/lib/users/queries';
import { StaffCandidatesTable } from '@/components/users/staff-candidates-table';
import { userListFilterSchema, type UserListFilter } from '@/lib/users/schemas';

export const metadata: Metadata = { title: 'Users' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function pageHref(filter: UserListFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.role) params.set('role', filter.role);
  if (filter.status) params.set('status', filter.status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/district/users?${query}` : '/district/users';
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await authorizePage('users.manage', undefined, '/district/users');
  const filter = userListFilterSchema.parse(await searchParams);
  const [{ users, total, page, pageCount }, timeZone, candidates] = await Promise.all([
    listUsers(filter),
    districtTimeZone(db),
    staffCandidates(),
  ]);
  const filtered = Boolean(filter.q || filter.role || filter.status);
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in: their role, the sites they cover, and whether their account is active."
        actions={<ButtonLink href="/district/users/new">Add a user</ButtonLink>}
      />
      <UserFilters filter={filter} />
      {users.length === 0 ? (
        <EmptyState
          title={filtered ? 'No users match these filters' : 'No users yet'}
          description={filtered ? 'Try a shorter search or clear the filters.' : 'Add the first coordinator or tutor.'}
          action={
            filtered ? (
              <ButtonLink href="/district/users" variant="secondary">
                Clear filters
              </ButtonLink>
            ) : (
              <ButtonLink href="/district/users/new">Add a user</ButtonLink>
            )
          }
        />
      ) : (
        <>
          <UsersTable
            users={users}
            timeZone={timeZone}
            caption={`${total} ${total === 1 ? 'user' : 'users'}${filtered ? ' matching the filters' : ''}`}
          />
          {pageCount > 1 ? (
            <nav aria-label="Pages of users" className="mt-4 flex flex-wrap items-center gap-3">
              {page > 1 ? (
                <ButtonLink href={pageHref(filter, page - 1)} variant="secondary">
                  Previous page
                </ButtonLink>
              ) : null}
              <span className="text-sm text-slate-700">
                Page {page} of {pageCount}
              </span>
              {page < pageCount ? (
                <ButtonLink href={pageHref(filter, page + 1)} variant="secondary">
                  Next page
                </ButtonLink>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
      {candidates.total > 0 ? <StaffCandidatesTable rows={candidates.rows} total={candidates.total} /> : null}
    </>
  );
}
