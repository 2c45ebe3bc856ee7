import type { Metadata } from 'next';
import { StatusPage } from '@/components/layout/status-page';
import { ButtonLink } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <StatusPage title="Page not found" actions={<ButtonLink href="/">Go to the start page</ButtonLink>}>
      <p>There is no page at this address, or it has moved. Check the link, or start again from your home page.</p>
    </StatusPage>
  );
}
