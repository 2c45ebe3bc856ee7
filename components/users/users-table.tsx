import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Cell, HeaderCell, Table, TableBody, TableHead, TableRow } from '@/components/ui/table';
import { roleLabels } from '@/lib/navigation';
import { formatDateTime } from '@/lib/settings/time-zone';
import type { UserListRow } from '@/lib/users/queries';

export function UsersTable({ users, timeZone, caption }: { users: UserListRow[]; timeZone: string; caption: string }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <TableRow>
          <HeaderCell>Name</HeaderCell>
          <HeaderCell>Email</HeaderCell>
          <HeaderCell>Role</HeaderCell>
          <HeaderCell>Sites</HeaderCell>
          <HeaderCell>Status</HeaderCell>
          <HeaderCell>Last sign-in</HeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id}>
            <HeaderCell scope="row">
              <Link href={`/district/users/${user.id}`}>{user.name}</Link>
            </HeaderCell>
            <Cell className="whitespace-nowrap">{user.email}</Cell>
            <Cell className="whitespace-nowrap">{roleLabels[user.role]}</Cell>
            <Cell>
              {user.sites.length ? (
                user.sites.map((site) => (
                  <abbr key={site.id} title={site.name} className="mr-2 whitespace-nowrap no-underline">
                    {site.code}
                  </abbr>
                ))
              ) : (
                <span className="text-slate-600">All sites</span>
              )}
            </Cell>
            <Cell>
              <div className="flex flex-wrap gap-1">
                {user.active ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}
                {user.active && !user.passwordSet ? <Badge tone="warning">No password yet</Badge> : null}
              </div>
            </Cell>
            <Cell className="whitespace-nowrap">
              {user.lastSignInAt ? (
                formatDateTime(user.lastSignInAt, timeZone)
              ) : (
                <span className="text-slate-600">Never</span>
              )}
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
