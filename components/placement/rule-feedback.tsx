'use client';

import type { ActionResult } from '@/lib/actions/result';

/**
 * What the server said about the rules: blocks (cannot be saved) and warnings
 * (can be saved once the person ticks "save anyway"). The checkbox appears only
 * after the warnings have been shown, so nobody overrides a rule unseen.
 */
export function RuleFeedback({ result, confirmLabel }: { result: ActionResult<unknown> | null; confirmLabel: string }) {
  if (!result || result.ok) return null;
  const warnings = result.fieldErrors?.confirm ?? [];
  if (warnings.length === 0) return null;
  return (
    <div className="rounded-md border border-warning-200 bg-warning-50 p-4 text-sm text-warning-800">
      <p className="font-semibold">Before you save:</p>
      <ul className="mt-1 list-disc pl-5">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <label className="mt-3 flex min-h-11 items-center gap-3 font-medium text-slate-900">
        <input type="checkbox" name="confirm" value="true" className="size-6" />
        {confirmLabel}
      </label>
    </div>
  );
}
