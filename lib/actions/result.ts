// The one shape every server action returns, read by forms with useActionState.
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; retry?: RetryReason };

/**
 * Why a refusal may pass if the same input is sent again unchanged: the sender was
 * signed out, or the server failed. The tablet's outbox keeps such entries waiting.
 */
export type RetryReason = 'signed-out' | 'server-error';

/** A refusal a person can act on, thrown from inside an action's handler. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}
