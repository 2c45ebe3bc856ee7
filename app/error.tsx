'use client';

import { useEffect } from 'react';
import type { ErrorInfo } from 'next/error';
import { ErrorDetails } from '@/components/layout/error-details';
import { StatusPage } from '@/components/layout/status-page';
import { Button, ButtonLink } from '@/components/ui/button';

export default function ErrorPage({ error, retry }: ErrorInfo) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusPage
      title="Something went wrong"
      actions={
        <>
          {/* retry() refetches the server data and then resets the boundary; reset() alone would rerender stale data. */}
          <Button onClick={() => retry()}>Try again</Button>
          <ButtonLink href="/" variant="secondary">
            Go to the start page
          </ButtonLink>
        </>
      }
    >
      <ErrorDetails error={error} />
    </StatusPage>
  );
}
