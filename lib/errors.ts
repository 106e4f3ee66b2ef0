// Errors whose message is written for the person using the portal. Anything else that escapes a
// service is logged on the server and reported with a reference id only (never a stack trace).
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/**
 * `what` is the subject of the sentence ("This rule"). The message here is English (logs, and code
 * outside an action); lib/auth/action.ts says it in the reader's language.
 */
export class NotFoundError extends UserFacingError {
  constructor(readonly what: string) {
    super(`${what} was not found. It may have been deleted in the meantime.`);
    this.name = "NotFoundError";
  }
}
