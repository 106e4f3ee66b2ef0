// Input rules for invitations. Addresses arrive as free text (one or many, separated by commas,
// semicolons, spaces or new lines; "Name <address>" works too) and are checked one by one, so a
// bad address is reported next to the good ones instead of failing the whole request.
import { z } from "zod";

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

const id = z.string().trim().min(1).max(100);

export const inviteSchema = z.object({
  emails: z
    .string({ error: "Enter at least one email address." })
    .max(20_000, "That is too much text: paste at most 100 addresses at a time.")
    .refine((v) => parseAddressList(v).length > 0, "Enter at least one email address.")
    .refine(
      (v) => parseAddressList(v).length <= MAX_ADDRESSES,
      `Invite at most ${MAX_ADDRESSES} addresses at a time.`,
    ),
  role: z.enum(INVITATION_ROLES, { error: "Choose a role." }).default("user"),
  groupIds: z.array(id).max(50, "Choose at most 50 groups.").default([]),
  expiresInDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "An invitation must be valid for at least 1 day.")
    .max(90, "An invitation can be valid for at most 90 days.")
    .optional(),
});
export type InviteInput = z.output<typeof inviteSchema>;

export const resendSchema = z.object({ id });
export const adoptSchema = z.object({ id });
export const bulkResendSchema = z.object({
  ids: z
    .array(id)
    .min(1, "Select at least one invitation.")
    .max(200, "Resend at most 200 invitations at a time."),
});
export const syncSchema = z.object({}).default({});

export const listInvitationsSchema = z.object({
  status: z
    .enum(["all", ...INVITATION_STATUSES])
    .default("all")
    .catch("all"),
  q: z.string().trim().max(200).default("").catch(""),
  page: z.coerce.number().int().min(1).default(1).catch(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(25).catch(25),
});
export type ListInvitationsQuery = z.output<typeof listInvitationsSchema>;
