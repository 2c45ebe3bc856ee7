import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { StatusPage } from '@/components/layout/status-page';
import { SetPasswordForm } from '@/components/users/set-password-form';
import { INVALID_LINK_MESSAGE } from '@/lib/users/schemas';
import { passwordLinkFor } from '@/lib/users/queries';

// The token is in the address: keep it out of search engines and Referer headers.
export const metadata: Metadata = {
  title: 'Set your password',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await passwordLinkFor(token);
  if (!link) {
    return (
      <StatusPage
        title="This link does not work"
        actions={
          <ButtonLink href="/login" variant="secondary">
            Go to sign in
          </ButtonLink>
        }
      >
        <p>{INVALID_LINK_MESSAGE}</p>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={link.purpose === 'invite' ? `Welcome, ${link.name}` : `Set a new password, ${link.name}`}>
      <p>
        Choose a password for <span className="font-semibold text-slate-900">{link.email}</span>. This link works once.
      </p>
      <div className="mt-3">
        <SetPasswordForm token={token} email={link.email} />
      </div>
    </StatusPage>
  );
}
