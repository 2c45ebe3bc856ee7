import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreateUserForm } from '@/components/users/create-user-form';
import { authorizePage } from '@/lib/auth/guards';
import { providerOptions, siteOptions } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Add a user' };

export default async function NewUserPage() {
  await authorizePage('users.manage', undefined, '/district/users/new');
  const [sites, providers] = await Promise.all([siteOptions(), providerOptions()]);
  return (
    <>
      <PageHeader
        title="Add a user"
        description="Adding someone creates a one-time link for them to set a password. There is no email: copy the link and send it yourself."
      />
      <Card>
        <CreateUserForm sites={sites} providers={providers} />
      </Card>
    </>
  );
}
