'use client';

import { useEffect } from 'react';
import type { ErrorInfo } from 'next/error';
import { ErrorDetails } from '@/components/layout/error-details';
import { StatusPage } from '@/components/layout/status-page';
import { Button } from '@/components/ui/button';
// global-error replaces the root layout, so it brings its own document and styles.
import './globals.css';

export default function GlobalError({ error, retry }: ErrorInfo) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Tutoring Ops</title>
        <StatusPage title="Something went wrong" actions={<Button onClick={() => retry()}>Try again</Button>}>
          <ErrorDetails error={error} />
        </StatusPage>
      </body>
    </html>
  );
}
