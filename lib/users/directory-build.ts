// Reading an organization's users directory from ezeep (lib/users/directory.ts keeps it).
//
// ezeep's account user list is paged (page/per_page ≤ 100) and has no search, filter, sort or
// "changed since" (docs/ezeep.md, lists and users); group membership lives on the printing host.
// So a build reads both listings — first page to learn the count, then the remaining pages with a
// few requests in flight — and joins them by id.
import "server-only";

import type { AccountUser, EzeepClient, Group, PrintingUser } from "@/lib/ezeep";
import type { UserRole } from "@/lib/users/schemas";

export interface UserRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  name: string;
  role: UserRole;
  /** Verified account (has accepted / signed up); false for invitees. */
  verified: boolean;
  azure: boolean;
  dateJoined: string | null;
  /** Present on the printing host (invitees have no printing row until they accept, §3.3). */
  printing: boolean;
  groupIds: string[];
  flags: {
    local_printing_enabled: boolean;
    self_service_enabled: boolean;
    myprinters_enabled: boolean;
    pull_printing_enabled: boolean;
  };
  /** Lower-case "name email" for search. */
  haystack: string;
  sortName: string;
}

export interface GroupRef {
  id: string;
  name: string;
  azure: boolean;
}

export interface Directory {
  builtAt: number;
  buildMs: number;
  users: UserRow[];
  byId: Map<string, UserRow>;
  groups: Map<string, GroupRef>;
  /** Users in each sort order, computed on first use and dropped whenever a user changes. */
  sorted: Map<string, UserRow[]>;
}

/** What one read of ezeep found (written to the shared store by lib/users/directory.ts). */
export interface DirectoryBuild {
  buildMs: number;
  users: UserRow[];
  groups: GroupRef[];
}

export function roleOf(roles: readonly string[]): UserRole {
  return roles.includes("admin") ? "admin" : "user";
}

export function flagsOf(printing: PrintingUser | null): UserRow["flags"] {
  return {
    local_printing_enabled: printing?.local_printing_enabled ?? false,
    self_service_enabled: printing?.self_service_enabled ?? false,
    myprinters_enabled: printing?.myprinters_enabled ?? false,
    pull_printing_enabled: printing?.pull_printing_enabled ?? false,
  };
}

export function userRow(account: AccountUser, printing: PrintingUser | null): UserRow {
  const firstName = account.first_name ?? "";
  const lastName = account.last_name ?? "";
  const name = (account.display_name || `${firstName} ${lastName}`).trim() || account.email;
  return {
    id: account.id,
    email: account.email,
    firstName,
    lastName,
    name,
    role: roleOf(account.roles),
    verified: account.is_verified,
    azure: Boolean(account.id_profile || account.azure_profile),
    dateJoined: account.date_joined ?? null,
    printing: printing !== null,
    groupIds: printing ? [...new Set(printing.groups.map((g) => g.group_id))] : [],
    flags: flagsOf(printing),
    haystack: `${name} ${account.email}`.toLowerCase(),
    sortName: name.toLowerCase(),
  };
}

export function groupRef(group: Group): GroupRef {
  return { id: group.id, name: group.name, azure: group.origin.provider.toLowerCase() === "azure" };
}

/** Reads every user (both hosts, joined by id) and every group of the organization from ezeep. */
export async function buildDirectory(client: EzeepClient): Promise<DirectoryBuild> {
  const started = Date.now();
  // The client pages with the largest size ezeep allows, fetching further pages concurrently.
  const [accounts, printing, groups] = await Promise.all([
    client.users.all(),
    client.printingUsers.all(),
    client.groups.all(),
  ]);
  const printingById = new Map(printing.map((p) => [p.id, p]));
  const byId = new Map<string, UserRow>();
  for (const a of accounts) if (!byId.has(a.id)) byId.set(a.id, userRow(a, printingById.get(a.id) ?? null));
  return { buildMs: Date.now() - started, users: [...byId.values()], groups: groups.map(groupRef) };
}
