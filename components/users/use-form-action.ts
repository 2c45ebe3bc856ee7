'use client';

import { useActionState, useEffect, useId } from 'react';
import { announce } from '@/components/ui/announcer';
import type { ActionResult } from '@/lib/actions/result';

export type FormValues = Record<string, string | string[]>;

export interface FormActionState<T> {
  result: ActionResult<T> | null;
  /** What was submitted, so a refused form comes back as typed (passwords excepted). */
  values: FormValues | null;
  /** Changes on every submit: the form is keyed by it so its defaults are re-read. */
  version: number;
}

type ServerAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;

function valuesOf(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION') || /password/i.test(key)) continue;
    const existing = values[key];
    values[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/**
 * useActionState for our ActionResult: keeps what was typed when the action refuses
 * it (React resets a form after its action runs) and moves focus to the first
 * field with an error.
 */
export function useFormAction<T>(action: ServerAction<T>, { keepValuesOnSuccess = false } = {}) {
  const [state, formAction, pending] = useActionState<FormActionState<T>, FormData>(
    async (previous, form) => {
      const result = await action(null, form);
      // Said page-wide now: the form itself may vanish when the page refreshes.
      const message = result.ok ? (result.data as { message?: unknown } | null)?.message : undefined;
      if (typeof message === 'string') announce(message);
      return {
        result,
        values: !result.ok || keepValuesOnSuccess ? valuesOf(form) : null,
        version: previous.version + 1,
      };
    },
    { result: null, values: null, version: 0 },
  );
  // The form carries this id (<form id={formId}>), so focus can find its first error.
  const formId = useId();
  useEffect(() => {
    if (state.result && !state.result.ok)
      document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, formId]);

  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return {
    state,
    formAction,
    pending,
    formId,
    /** The field's error messages, if the last submit had any. */
    errorFor: (name: string): string[] | undefined => errors[name],
    /** What to show in a field: the last submitted value, else the given default. */
    valueFor: (name: string, fallback = ''): string => {
      const value = state.values?.[name];
      return value === undefined ? fallback : Array.isArray(value) ? (value[0] ?? fallback) : value;
    },
    listFor: (name: string, fallback: string[] = []): string[] => {
      if (!state.values) return fallback;
      const value = state.values[name];
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    },
  };
}
