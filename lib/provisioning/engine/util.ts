import { EzeepError, type AccountUser } from "@/lib/ezeep";

export const INVITATION_VALID_DAYS = 14;

/** Values per IN list: SQLite (through Prisma's adapter) binds at most 999 values per statement. */
export const IN_LIST_MAX = 400;

export function messageOf(err: unknown): string {
  if (err instanceof EzeepError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export const lowerEmail = (email: string) => email.trim().toLowerCase();

export function openInvitationOf(user: AccountUser) {
  return (user.user_invitations ?? []).find((i) => (i.invitation_status ?? "OPEN").toUpperCase() === "OPEN");
}

export function ezeepDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export const inviteLockKey = (orgId: string, email: string) => `invite:${orgId}:${lowerEmail(email)}`;
