// Errors the guards raise. Pages turn them into redirects or 404s; the action
// wrapper turns them into a clear message.

/** Nobody is signed in (or the session ended). */
export class SignedOutError extends Error {
  constructor() {
    super('Your session has ended. Sign in again to continue.');
  }
}

/** Signed in, but this role may not do this, or the record is outside the person's scope. */
export class ForbiddenError extends Error {
  constructor(message = 'You do not have access to that.') {
    super(message);
  }
}

/** A record named in the request does not exist (or no longer does). */
export class NotFoundError extends Error {}
