import type { Metadata } from 'next';
import { NotificationsForm } from '@/components/account/notifications-form';
import { SignedInShell } from '@/components/layout/signed-in-shell';
import { PageHeader } from '@/components/ui/page-header';
import { authorizePage } from '@/lib/auth/guards';
import { roleLabels } from '@/lib/navigation';
import { db } from '@/lib/db';
import { choicesFor } from '@/lib/notify/kinds';
import { mailConfigured } from '@/lib/notify/mail';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await authorizePage('account.use', undefined, '/account');
  const current = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { email: true, notifyDigest: true, notifyReminder: true, notifyWeeklyReview: true },
  });
  const fields = choicesFor(user.role);
  return (
    <SignedInShell user={user}>
      <PageHeader title="Your account" description={`${user.name} · ${roleLabels[user.role]} · ${current.email}`} />
      {mailConfigured() ? null : (
        <p
          role="status"
          className="mb-4 max-w-prose rounded-md border border-warning-200 bg-warning-50 px-4 py-3 text-sm text-warning-800"
        >
          This district has not set up email yet (SMTP_URL): your choices take effect once it does.
        </p>
      )}
      {fields.length ? (
        <NotificationsForm fields={fields} current={current} />
      ) : (
        <p className="text-slate-700">No emails concern your role.</p>
      )}
    </SignedInShell>
  );
}
