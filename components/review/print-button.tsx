'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog (save as PDF from there). Hidden on paper. */
export function PrintButton({ label = 'Print' }: { label?: string }) {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()} data-print="hide">
      {label}
    </Button>
  );
}
