// Where sign-in sends an admin back to. Only paths on this portal are accepted ("/audit/41"), never
// another host ("//host", "/\\host", "https://…"), so a crafted link cannot bounce a fresh session
// elsewhere. Shared by proxy.ts (rejects bad values early), the page guard and the sign-in form.

/** The request header proxy.ts sets to the path (and query) a page was asked for. */
export const REQUESTED_PATH_HEADER = "x-portal-requested-path";

/** A callbackUrl must be a path on this portal: "/x", not "//host", "/\\host" or "https://…". */
export function isPortalPath(value: string): boolean {
  return (
    value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") && !/[\r\n]/.test(value)
  );
}

/** The path to return to after signing in, or "/" when the value is missing or unsafe. */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || !isPortalPath(value)) return "/";
  // Never back to the sign-in or sign-out pages themselves.
  if (/^\/(signin|signout)(\/|\?|$)/.test(value)) return "/";
  return value;
}

/** The sign-in page, remembering `requested` when it is worth returning to. */
export function signInPathFor(requested: string | null | undefined): string {
  const target = safeCallbackUrl(requested);
  return target === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(target)}`;
}
