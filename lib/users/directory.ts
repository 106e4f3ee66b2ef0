// A short-lived, per-organization index of every user, built on the server by paging ezeep.
//
// ezeep's account user list is paged (page/per_page ≤ 100) and has no search, filter or sort
// (ezeep-api.md §2.2, §3.2); group membership lives on the printing host (§3.4). So the portal
// reads both listings once — first page to learn the count, then the remaining pages with a few
// requests in flight — joins them by id and answers search / filter / sort / pagination from
// memory. The browser only ever receives one page.
//
// Freshness: an index younger than FRESH_MS is served as is; an older one (up to MAX_STALE_MS) is
// served immediately while ONE background rebuild runs; anything older is rebuilt before
// answering. Builds are single-flight per organization. The portal's own writes update the index
// in place (so an admin sees their change at once); changes made elsewhere (ezeep's admin UI,
// another portal instance) appear after at most FRESH_MS + one build. It is a read cache only:
// every write re-reads the user from ezeep first (lib/memberships/service.ts).
import type { OrgContext } from "@/lib/auth/context";
import type { AccountUser, EzeepClient, Group, PrintingUser } from "@/lib/ezeep";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";
import type { UserRole } from "@/lib/users/schemas";

export const FRESH_MS = 30_000;
export const MAX_STALE_MS = 10 * 60_000;
const PAGE_SIZE = 100;
const CONCURRENCY = 6;

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

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

async function allAccountUsers(client: EzeepClient): Promise<AccountUser[]> {
  const first = await client.users.list({ page: 1, per_page: PAGE_SIZE });
  const perPage = Math.max(first.results.length, 1);
  const pages = first.next ? Math.ceil(first.count / perPage) : 1;
  const rest = await mapLimit(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2),
    CONCURRENCY,
    async (page) => {
      try {
        return (await client.users.list({ page, per_page: PAGE_SIZE })).results;
      } catch (err) {
        // The list shrank while we were reading it (DRF answers 404 "Invalid page.").
        if ((err as { status?: number }).status === 404) return [];
        throw err;
      }
    },
  );
  return [...first.results, ...rest.flat()];
}

async function allPrintingUsers(client: EzeepClient): Promise<PrintingUser[]> {
  const first = await client.printingUsers.list({ limit: PAGE_SIZE, offset: 0 });
  const step = Math.max(first.results.length, 1);
  const offsets: number[] = [];
  if (first.next) for (let o = step; o < first.count; o += step) offsets.push(o);
  const rest = await mapLimit(
    offsets,
    CONCURRENCY,
    async (offset) => (await client.printingUsers.list({ limit: PAGE_SIZE, offset })).results,
  );
  return [...first.results, ...rest.flat()];
}

async function allGroups(client: EzeepClient): Promise<Group[]> {
  const out: Group[] = [];
  for await (const g of client.groups.iterate({ pageSize: PAGE_SIZE })) out.push(g);
  return out;
}

export async function buildDirectory(client: EzeepClient): Promise<Directory> {
  const started = Date.now();
  const [accounts, printing, groups] = await Promise.all([
    allAccountUsers(client),
    allPrintingUsers(client),
    allGroups(client),
  ]);
  const printingById = new Map(printing.map((p) => [p.id, p]));
  const byId = new Map<string, UserRow>();
  for (const a of accounts) if (!byId.has(a.id)) byId.set(a.id, userRow(a, printingById.get(a.id) ?? null));
  return {
    builtAt: Date.now(),
    buildMs: Date.now() - started,
    users: [...byId.values()],
    byId,
    groups: new Map(groups.map((g) => [g.id, groupRef(g)])),
    sorted: new Map(),
  };
}

interface Slot {
  directory?: Directory;
  building?: Promise<Directory>;
  /** Bumped by invalidate(): a build that started before it is not trusted as fresh. */
  generation: number;
}

const store = globalThis as unknown as { __userDirectories?: Map<string, Slot> };
const slots = (store.__userDirectories ??= new Map<string, Slot>());

function slotFor(orgId: string): Slot {
  let slot = slots.get(orgId);
  if (!slot) slots.set(orgId, (slot = { generation: 0 }));
  return slot;
}

function startBuild(ctx: OrgContext, slot: Slot): Promise<Directory> {
  if (slot.building) return slot.building;
  const generation = slot.generation;
  const building = buildDirectory(ezeepFor(ctx.organization))
    .then((dir) => {
      // Keep the newest: an invalidation during the build makes this one stale on arrival.
      if (slot.generation !== generation) dir.builtAt = 0;
      slot.directory = dir;
      return dir;
    })
    .finally(() => {
      if (slot.building === building) slot.building = undefined;
    });
  slot.building = building;
  return building;
}

/** The organization's index: fresh, stale-while-revalidate, or built now. */
export async function getDirectory(ctx: OrgContext, opts: { refresh?: boolean } = {}): Promise<Directory> {
  const slot = slotFor(ctx.organization.id);
  const dir = slot.directory;
  const age = dir ? Date.now() - dir.builtAt : Infinity;
  if (dir && !opts.refresh && age < FRESH_MS) return dir;
  if (dir && !opts.refresh && age < MAX_STALE_MS) {
    startBuild(ctx, slot).catch((err) =>
      moduleLogger("users").error({ err }, "background index refresh failed"),
    );
    return dir;
  }
  return startBuild(ctx, slot);
}

/** Forgets the index (tests, or after changes made outside the portal). */
export function invalidateDirectory(organizationId: string): void {
  const slot = slots.get(organizationId);
  if (!slot) return;
  slot.generation += 1;
  slot.directory = undefined;
}

/** Applies a change the portal just made (with ezeep's answer) to the cached index, if any. */
export function patchDirectory(
  organizationId: string,
  update:
    | { user: UserRow }
    | { removeId: string }
    | { userId: string; groupIds: string[] }
    | { userId: string; flags: Partial<UserRow["flags"]> },
): void {
  const dir = slots.get(organizationId)?.directory;
  if (!dir) return;
  dir.sorted.clear();
  if ("removeId" in update) {
    if (!dir.byId.delete(update.removeId)) return;
    dir.users = dir.users.filter((u) => u.id !== update.removeId);
    return;
  }
  if ("user" in update) {
    const existing = dir.byId.get(update.user.id);
    dir.byId.set(update.user.id, update.user);
    dir.users = existing
      ? dir.users.map((u) => (u.id === update.user.id ? update.user : u))
      : [...dir.users, update.user];
    return;
  }
  const row = dir.byId.get(update.userId);
  if (!row) return;
  const next: UserRow =
    "groupIds" in update
      ? { ...row, groupIds: [...new Set(update.groupIds)] }
      : { ...row, flags: { ...row.flags, ...update.flags } };
  dir.byId.set(row.id, next);
  dir.users = dir.users.map((u) => (u.id === row.id ? next : u));
}

/** Adds or renames a group in the cached index (a group created since the last build). */
export function rememberGroup(organizationId: string, group: GroupRef): void {
  slots.get(organizationId)?.directory?.groups.set(group.id, group);
}
