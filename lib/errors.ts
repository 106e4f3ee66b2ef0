// Errors whose message is written for the person using the portal. Anything else that escapes a
// service is logged on the server and reported with a reference id only (never a stack trace).
// Messages are written in the request's language (lib/i18n/scope.ts; English outside an action).
import { localized } from "@/lib/i18n/scope";

export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

export class NotFoundError extends UserFacingError {
  constructor(what: string) {
    super(localized((t) => t("errors.notFound", { what })));
    this.name = "NotFoundError";
  }
}
