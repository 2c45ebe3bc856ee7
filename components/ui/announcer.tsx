'use client';

import { useEffect, useRef, useState } from 'react';

const EVENT = 'app:announce';

/**
 * Says that something was saved, in one polite live region for the whole page. Forms
 * whose row disappears once saved (a student leaving the waitlist, a session made up)
 * would otherwise take their success message with them.
 */
export function announce(message: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

export function Announcer() {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const show = (event: Event) => {
      setMessage((event as CustomEvent<string>).detail);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setMessage(null), 12_000);
    };
    window.addEventListener(EVENT, show);
    return () => {
      window.removeEventListener(EVENT, show);
      clearTimeout(timer.current);
    };
  }, []);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {message ? (
        <div className="pointer-events-auto flex max-w-xl items-center gap-3 rounded-lg border border-success-200 bg-success-50 px-4 py-2 text-success-700 shadow-lg">
          <p className="font-medium">{message}</p>
          <button
            type="button"
            onClick={() => setMessage(null)}
            className="min-h-11 min-w-11 rounded-md px-2 font-semibold text-slate-800 hover:bg-white"
          >
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
