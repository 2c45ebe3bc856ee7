import { db } from '@/lib/db';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { AccountActions } from '@/components/users/account-actions';
import { EditUserForm } from '@/components/users/edit-user-form';
import { isUuid } from '@/lib/codes';
import { authorizePage } from '@/lib/auth/guards';
import { roleLabels } from '@/lib/navigation';
import { districtTimeZone } from '@/lib/settings/district';
import { formatDateTime } from '@/lib/settings/time-zone';
import { providerOptions, siteOptions, userForEdit } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Edit user' };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const admin = await authorizePage('users.manage', undefined, `/district/users/${userId}`);
  if (!isUuid(userId)) notFound();
  const [user, sites, providers, timeZone] = await Promise.all([
    userForEdit(userId),
    siteOptions(),
    providerOptions(),
    districtTimeZone(db),
  ]);
  if (!user) notFound();
  const isSelf = user.id === admin.id;
  const facts = [
    `${roleLabels[user.role]} · ${user.email}`,
    user.lastSignInAt ? `Last signed in ${formatDateTime(user.lastSignInAt, timeZone)}` : 'Has never signed in',
    user.passwordSet ? null : 'No password set yet',
    user.pendingLink
      ? `An unused ${user.pendingLink.purpose === 'invite' ? 'invitation' : 'reset'} link expires ${formatDateTime(user.pendingLink.expiresAt, timeZone)}`
      : null,
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={user.name}
        description={facts.join('. ') + '.'}
        actions={
          <>
            {user.active ? (
              <Badge tone="success">Active</Badge>
            ) : (
              <Badge tone="danger">
                Deactivated {user.deactivatedAt ? formatDateTime(user.deactivatedAt, timeZone) : ''}
              </Badge>
            )}
            <ButtonLink href={`/district/audit-log?entityType=user&entityId=${user.id}`} variant="ghost" size="sm">
              History
            </ButtonLink>
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title="Name, role and sites">
          <EditUserForm
            user={{
              id: user.id,
              name: user.name,
              email: user.email,
              role: user.role,
              siteIds: user.siteIds,
              tutorProfile: user.tutorProfile,
            }}
            sites={sites}
            providers={providers}
            isSelf={isSelf}
          />
        </Card>
        <Card title="Account access">
          <AccountActions user={{ id: user.id, name: user.name, active: user.active }} isSelf={isSelf} />
        </Card>
      </div>
    </>
  );
}
