// Why "Connect with ezeep" failed, as a code in /organizations?error=<code>. The page shows only
// these fixed texts, so nobody can put words of their choosing on the portal with a crafted link.
export const CONNECT_ERRORS = {
  no_client: "The portal has no ezeep client. Set EZEEP_CLIENT_ID and EZEEP_CLIENT_SECRET on the server.",
  wrong_browser: "This sign-in was not started from this browser, or it took too long. Start again.",
  mismatch: "The answer from ezeep does not belong to this sign-in. Start again.",
  too_slow: "The sign-in took longer than 10 minutes. Start again.",
  denied: "The connection was not allowed in ezeep.",
  refused: "ezeep refused the sign-in. Start again.",
  no_code: "ezeep sent no authorization code. Start again.",
  inactive: "Your portal account is no longer active.",
  not_owner: "Only owners can connect organizations.",
  no_org: "ezeep's answer names no organization; this account cannot be connected.",
  other_owners: "That ezeep organization is managed in this portal by other people: ask one of its owners.",
  failed: "Something went wrong while connecting. Try again.",
} as const;

export type ConnectErrorCode = keyof typeof CONNECT_ERRORS;

const PREFIXES: [string, ConnectErrorCode][] = [
  ["ezeep refused the sign-in", "refused"],
  ["ezeep did not accept the sign-in", "refused"],
];

/** The code for a failure message (unknown messages → "failed"). */
export function connectErrorCode(message: string): ConnectErrorCode {
  const exact = (Object.entries(CONNECT_ERRORS) as [ConnectErrorCode, string][]).find(
    ([, m]) => m === message,
  );
  if (exact) return exact[0];
  return PREFIXES.find(([prefix]) => message.startsWith(prefix))?.[1] ?? "failed";
}

/** The known code in ?error=<code> (its text is `organizations.connectErrors.<code>`), else null. */
export function connectErrorCodeOf(code: unknown): ConnectErrorCode | null {
  return typeof code === "string" && Object.hasOwn(CONNECT_ERRORS, code) ? (code as ConnectErrorCode) : null;
}

/** The English text for ?error=<code>, or null for anything that is not a known code. */
export function connectErrorMessage(code: unknown): string | null {
  const known = connectErrorCodeOf(code);
  return known ? CONNECT_ERRORS[known] : null;
}
