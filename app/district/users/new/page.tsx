import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreateUserForm } from '@/components/users/create-user-form';
import { authorizePage } from '@/lib/auth/guards';
import { isUuid } from '@/lib/codes';
import { db } from '@/lib/db';
import { providerOptions, siteOptions } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Add a user' };

export default async function NewUserPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await authorizePage('users.manage', undefined, '/district/users/new');
  const [sites, providers, query] = await Promise.all([siteOptions(), providerOptions(), searchParams]);
  // A tutor candidate from the roster (the Users page links here); the form checks everything again.
  const candidate = isUuid(query.candidate)
    ? await db.staffCandidate.findUnique({ where: { id: query.candidate } })
    : null;
  const prefill = candidate
    ? {
        name: `${candidate.firstName} ${candidate.lastName}`.trim(),
        email: candidate.email ?? '',
        siteId: candidate.siteId,
      }
    : undefined;
  return (
    <>
      <PageHeader
        title="Add a user"
        description="Adding someone creates a one-time link for them to set a password. There is no email: copy the link and send it yourself."
      />
      <Card>
        <CreateUserForm sites={sites} providers={providers} prefill={prefill} />
      </Card>
    </>
  );
}
