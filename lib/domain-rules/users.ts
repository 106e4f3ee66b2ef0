// The organization's users as the domain rules need them. Read through the portal's user index
// (lib/users/directory.ts), the one place that pages through ezeep's user lists; this adapter
// keeps the rest of lib/domain-rules independent of how that index is stored.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { getDirectory } from "@/lib/users/directory";

export interface RuleUser {
  id: string;
  email: string;
  name: string;
  /** false for invitees: they join groups once they accept (ezeep has no printing row before). */
  verified: boolean;
  printing: boolean;
  dateJoined: Date | null;
  groupIds: string[];
}

export interface OrgUsers {
  users: RuleUser[];
  groupNames: Map<string, string>;
}

function parseJoined(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Every user of the organization; `fresh` rebuilds the index first (the job, apply). */
export async function listOrgUsers(ctx: OrgContext, opts: { fresh?: boolean } = {}): Promise<OrgUsers> {
  const dir = await getDirectory(ctx, { refresh: opts.fresh });
  return {
    users: dir.users.map((u) => ({
      id: u.id,
      email: u.email.toLowerCase(),
      name: u.name,
      verified: u.verified,
      printing: u.printing,
      dateJoined: parseJoined(u.dateJoined),
      groupIds: u.groupIds,
    })),
    groupNames: new Map([...dir.groups.values()].map((g) => [g.id, g.name])),
  };
}
