// Invitation constants and the address-list parser, free of zod so the invite form can check
// addresses as they are typed without shipping the validation library to the browser.
export const MAX_ADDRESSES = 100;
export const EMAIL_MAX = 254;
export const INVITATION_ROLES = ["user", "admin"] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];
export const INVITATION_STATUSES = ["pending", "expired", "accepted", "cancelled"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

// Pragmatic check (what ezeep's own validation accepts, plus no dots at the ends of the domain).
const EMAIL_RE = /^[^\s@<>(),;:"\[\]]+@[^\s@<>(),;:"\[\]]+\.[^\s@<>(),;:"\[\].]{2,}$/;

export type ParsedAddress =
  | { input: string; email: string; problem: null }
  | { input: string; email: string | null; problem: "invalid" | "duplicate" };

/** Splits, normalises (trim, lower case) and checks each address, in the order given. */
export function parseAddressList(raw: string): ParsedAddress[] {
  const tokens: string[] = [];
  for (const chunk of raw.split(/[\n\r,;]+/)) {
    // Words without "@" right before "<address>" are a display name ("Jane Doe <jane@x.org>").
    let nameWords: string[] = [];
    for (const [token] of chunk.matchAll(/"[^"]*"|<[^<>]*>|[^\s<>"]+/g)) {
      if (token.startsWith('"')) continue;
      if (token.startsWith("<")) {
        nameWords = [];
        tokens.push(token.slice(1, -1).trim());
      } else if (token.includes("@")) {
        tokens.push(...nameWords, token);
        nameWords = [];
      } else {
        nameWords.push(token);
      }
    }
    tokens.push(...nameWords);
  }
  const seen = new Set<string>();
  return tokens.map((input) => {
    const email = input
      .replace(/^mailto:/i, "")
      .trim()
      .toLowerCase();
    if (email.length > EMAIL_MAX || !EMAIL_RE.test(email))
      return { input, email: null, problem: "invalid" as const };
    if (seen.has(email)) return { input, email, problem: "duplicate" as const };
    seen.add(email);
    return { input, email, problem: null };
  });
}
