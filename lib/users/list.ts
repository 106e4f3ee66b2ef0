// The users list and the pickers' search: read from the per-organization index
// (lib/users/directory.ts), filtered, sorted and paginated on the server.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { byName, compareText } from "@/lib/sort";
import { getDirectory, type Directory, type GroupRef, type UserRow } from "@/lib/users/directory";
import type { ListUsersQuery } from "@/lib/users/schemas";

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  role: UserRow["role"];
  verified: boolean;
  azure: boolean;
  printing: boolean;
  groups: GroupRef[];
}

export interface UserPage {
  items: UserListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** When the index behind this list was read from ezeep. */
  asOf: Date;
  groups: GroupRef[];
  organizationUsers: number;
}

function groupsOf(dir: Directory, ids: readonly string[]): GroupRef[] {
  return ids.map((id) => dir.groups.get(id) ?? { id, name: "Unknown group", azure: false }).sort(byName);
}

export function toListItem(dir: Directory, row: UserRow): UserListItem {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    verified: row.verified,
    azure: row.azure,
    printing: row.printing,
    groups: groupsOf(dir, row.groupIds),
  };
}

function sortKey(u: UserRow, sort: ListUsersQuery["sort"]): string | number {
  switch (sort) {
    case "email":
      return u.email.toLowerCase();
    case "role":
      return u.role;
    case "groups":
      return u.groupIds.length;
    case "joined":
      return u.dateJoined ?? "";
    default:
      return u.sortName;
  }
}

/** -1, 0 or 1 for plain values (no locale rules: keys are lower-cased already). */
function compare(a: string | number, b: string | number): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Users in `sort` order (ties by name, then id), cached on the index until a user changes. */
export function sortedUsers(dir: Directory, sort: ListUsersQuery["sort"]): UserRow[] {
  const cached = dir.sorted.get(sort);
  if (cached) return cached;
  const decorated = dir.users.map((u) => ({ k: sortKey(u, sort), n: u.sortName, id: u.id, u }));
  decorated.sort((a, b) => compare(a.k, b.k) || compare(a.n, b.n) || compare(a.id, b.id));
  const out = decorated.map((d) => d.u);
  dir.sorted.set(sort, out);
  return out;
}

/** Filters, sorts and pages the index (never the whole list to the page). */
export function queryDirectory(
  dir: Directory,
  query: ListUsersQuery,
): { rows: UserRow[]; total: number; page: number; pageCount: number } {
  const needle = query.q.toLowerCase();
  const filtering = Boolean(needle || query.group || query.role !== "all" || query.status !== "all");
  const ordered = sortedUsers(dir, query.sort);
  const matches = filtering
    ? ordered.filter(
        (u) =>
          (!needle || u.haystack.includes(needle)) &&
          (!query.group || u.groupIds.includes(query.group)) &&
          (query.role === "all" || u.role === query.role) &&
          (query.status === "all" || (query.status === "active" ? u.verified : !u.verified)),
      )
    : ordered;
  const total = matches.length;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  // Descending: the same order read from the end (no copy of the whole list).
  const rows =
    query.dir === "desc"
      ? matches.slice(Math.max(0, total - start - query.pageSize), total - start).reverse()
      : matches.slice(start, start + query.pageSize);
  return { rows, total, page, pageCount };
}

export async function listUsers(
  ctx: OrgContext,
  query: ListUsersQuery,
  opts: { refresh?: boolean } = {},
): Promise<UserPage> {
  const dir = await getDirectory(ctx, opts);
  const { rows, total, page, pageCount } = queryDirectory(dir, query);
  return {
    items: rows.map((r) => toListItem(dir, r)),
    total,
    page,
    pageSize: query.pageSize,
    pageCount,
    asOf: new Date(dir.builtAt || Date.now()),
    groups: [...dir.groups.values()].sort((a, b) => compareText(a.name, b.name)),
    organizationUsers: dir.users.length,
  };
}

/** For pickers: a few users matching `q`, optionally leaving out a group's members. */
export async function searchUsers(
  ctx: OrgContext,
  input: { q: string; notInGroup?: string; limit: number },
): Promise<UserListItem[]> {
  const dir = await getDirectory(ctx);
  const needle = input.q.toLowerCase();
  const out: UserRow[] = [];
  for (const u of dir.users) {
    if (!u.printing) continue; // invitees cannot join groups until they accept
    if (input.notInGroup && u.groupIds.includes(input.notInGroup)) continue;
    if (needle && !u.haystack.includes(needle)) continue;
    out.push(u);
  }
  out.sort((a, b) => compare(a.sortName, b.sortName));
  return out.slice(0, input.limit).map((r) => toListItem(dir, r));
}
