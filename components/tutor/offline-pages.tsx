'use client';

// Registers the service worker (public/sw.js) that lets a tutor's pages open with no
// connection, and asks it to keep the pages the tutor will need today.
import { useEffect } from 'react';

export const PAGE_CACHE = 'tutor-pages-v1';

function ready(): Promise<ServiceWorker | null> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.ready.then((registration) => registration.active);
}

/** In the tutor pages' layout: one registration per browser. */
export function RegisterServiceWorker() {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || process.env.NODE_ENV !== 'production') return;
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the pages still work online; the outbox still keeps entries.
    });
  }, []);
  return null;
}

/** On Today: keep today's log and probe pages, the week and the students, while online. */
export function KeepOffline({ urls }: { urls: string[] }) {
  const key = urls.join('|');
  useEffect(() => {
    if (!navigator.onLine) return;
    let cancelled = false;
    void ready().then((worker) => {
      if (!cancelled && worker) worker.postMessage({ type: 'precache', urls: key.split('|').filter(Boolean) });
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return null;
}

/** On sign-out: the kept pages name students; the next person on this tablet must not see them. */
export async function forgetOfflinePages(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(PAGE_CACHE).catch(() => false);
}
