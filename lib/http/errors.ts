// A refusal a route handler answers with its own status. Pure (no "server-only"): the
// import staging thread throws UploadError, a RouteError, in plain Node.

/** A refusal with the status it is answered with, and a sentence for the person. */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }
}
