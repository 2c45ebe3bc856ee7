// Turns anything an action can throw into a clear message: never a 500, never a stack.
import { ForbiddenError, NotFoundError, SignedOutError } from '@/lib/auth/errors';
import { ActionError, type ActionResult } from './result';

const GENERIC = 'Something went wrong on our side and nothing was saved. Try again in a moment.';

// Messages our triggers raise look like "group_full: <sentence>"; the sentence is for people.
const RULE_MESSAGE = /\b(group_full|group_outside_cycle|membership_outside_group|membership_overlap): ([^\n]+)/;

interface DbError {
  code?: string;
  message?: string;
  meta?: {
    target?: unknown;
    modelName?: string;
    driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } };
  };
}

function uniqueFields(error: DbError): string {
  const target = error.meta?.target ?? error.meta?.driverAdapterError?.cause?.constraint?.fields;
  return Array.isArray(target) ? target.join(', ') : '';
}

export function toActionError(error: unknown): ActionResult<never> {
  if (error instanceof ActionError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof SignedOutError) return { ok: false, message: error.message, retry: 'signed-out' };
  if (error instanceof ForbiddenError || error instanceof NotFoundError) {
    return { ok: false, message: error.message };
  }
  const db = error as DbError;
  const text = String(db?.message ?? '');
  const rule = RULE_MESSAGE.exec(text);
  if (rule) return { ok: false, message: rule[2]!.replace(/"\s*$/, '').trim() };
  switch (db?.code) {
    case 'P2002': {
      const fields = uniqueFields(db);
      return { ok: false, message: fields ? `That ${fields} is already in use.` : 'That record already exists.' };
    }
    case 'P2025':
      return { ok: false, message: 'That record no longer exists. Reload the page and try again.' };
    case 'P2003':
      return {
        ok: false,
        message: 'That refers to a record that does not exist (it may have been removed). Reload the page.',
      };
    case 'P2034':
      return {
        ok: false,
        message: 'Someone else changed this at the same moment. Reload the page and try again.',
        retry: 'server-error',
      };
  }
  if (/violates check constraint|check_violation/.test(text))
    return { ok: false, message: 'That value is not allowed.' };
  // A value the database or a date helper cannot take: sending it again fails again, so never retryable.
  if (isInvalidValue(error, db?.code, text)) {
    console.error(`[action] refused value: ${redact(error)}`);
    return { ok: false, message: INVALID_VALUE_MESSAGE };
  }
  if (/deadlock|could not serialize|connection|timeout|timed out/i.test(text)) {
    console.error(`[action] retryable error: ${redact(error)}`);
    return { ok: false, message: GENERIC, retry: 'server-error' };
  }
  console.error(`[action] unexpected error: ${redact(error)}`);
  return { ok: false, message: GENERIC, retry: 'server-error' };
}

const INVALID_VALUE_MESSAGE =
  'A value in this entry is not valid (a date or a number out of range), so nothing was saved.';
// Prisma's value and validation errors, and Postgres's invalid datetime, number and text representation.
const INVALID_VALUE_CODES = new Set([
  'P2000',
  'P2005',
  'P2006',
  'P2007',
  'P2009',
  'P2012',
  'P2019',
  'P2020',
  'P2023',
  '22007',
  '22008',
  '22003',
  '22P02',
]);

function isInvalidValue(error: unknown, code: string | undefined, text: string): boolean {
  if (error instanceof RangeError) return true;
  if ((error as { name?: string })?.name === 'PrismaClientValidationError') return true;
  if (code && INVALID_VALUE_CODES.has(code)) return true;
  return /invalid (input syntax|value)|out of range|Invalid Date|date\/time field value/i.test(text);
}

/** One line for the server log, with nothing that looks like a secret. */
function redact(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string };
  const line =
    String(e?.message ?? error)
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return `${e?.name ?? 'Error'}${e?.code ? ` ${e.code}` : ''}: ${line}`
    .replace(/\$argon2[^\s"']*/g, '[redacted]')
    .replace(/(password\w*|token\w*)(["']?\s*[:=]\s*)["'][^"']*["']/gi, '$1$2"[redacted]"')
    .slice(0, 500);
}
