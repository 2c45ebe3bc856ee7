'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

export interface OneTimeLinkProps {
  heading: string;
  personName: string;
  url: string;
  expiresAt: string;
}

/** A set-password link, shown once: there is no email server, so the admin passes it on. */
export function OneTimeLink({ heading, personName, url, expiresAt }: OneTimeLinkProps) {
  const [copied, setCopied] = useState(false);
  const fullUrl = url.startsWith('/') && typeof window !== 'undefined' ? `${window.location.origin}${url}` : url;
  const expires = new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  async function copy() {
    try {
      await navigator.clipboard.writeText(fullUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section
      role="status"
      aria-live="polite"
      className="flex flex-col gap-3 rounded-lg border border-success-200 bg-success-50 p-5"
    >
      <h2 className="text-lg font-semibold text-slate-900">{heading}</h2>
      <p className="text-slate-800">
        Copy this link now and send it to {personName} yourself: it is <strong>shown only this once</strong>. It sets a
        password one time and stops working on {expires}.
      </p>
      <div className="flex flex-wrap items-stretch gap-2">
        <input
          readOnly
          value={fullUrl}
          aria-label={`One-time link for ${personName}`}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-11 min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 font-mono text-sm"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </Button>
      </div>
    </section>
  );
}
