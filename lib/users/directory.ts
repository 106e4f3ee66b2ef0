// The per-organization users directory: every user (both ezeep hosts joined) and every group,
// from which the users list, the group member lists and the pickers answer search / filter /
// sort / paging. The browser only ever receives one page.
//
// Shared by every portal instance through the database (lib/users/directory-store.ts):
// - a background job (under the job run-claim, so once per interval across all instances)
//   re-reads ezeep and writes only what differs — ezeep has no "changed since" for users, so
//   changes made in ezeep's own console appear within USERS_DIRECTORY_REFRESH_SECONDS;
// - the portal's own writes (user update/delete, memberships, flags) call applyLocalChange at
//   once, so every instance shows them on its next page view;
// - each instance keeps an in-memory copy and, per request, asks the database only for the
//   version number, loading just the rows changed since its copy. No page view reads ezeep for
//   the directory except the very first one of an organization (or an explicit refresh).
//
// It is a read cache only: every write re-reads the user from ezeep first (lib/memberships/service.ts).
import { env } from "@/lib/env";
import { moduleLogger } from "@/lib/observability/logger";

import "server-only";

import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { JobDefinition } from "@/lib/jobs/runner";
import { withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";
import {
  buildDirectory,
  type Directory,
  type DirectoryBuild,
  type GroupRef,
  type UserRow,
} from "@/lib/users/directory-build";
import {
  readEntries,
  readEntriesContaining,
  readEntriesOf,
  readEntry,
  readState,
  writeBuild,
  writeChanges,
  type BuiltDirectory,
  type EntryChange,
  type StoredEntry,
  type StoredState,
} from "@/lib/users/directory-store";

const log = moduleLogger("users");

export {
  buildDirectory,
  flagsOf,
  groupRef,
  roleOf,
  userRow,
  type Directory,
  type DirectoryBuild,
  type GroupRef,
  type UserRow,
} from "@/lib/users/directory-build";

interface Copy {
  directory: Directory;
  seq: number;
}

interface Slot {
  copy?: Copy;
  syncing?: Promise<Copy>;
  /** Set by invalidateDirectory(): the next read rebuilds from ezeep. */
  stale?: boolean;
  /** A rebuild this instance started: concurrent readers wait for it. */
  refreshing?: Promise<void>;
}

// This instance's copies, on globalThis so Next.js module reloads share them (tests swap the map
// to play a second instance).
const store = globalThis as unknown as { __userDirectories?: Map<string, Slot> };
const localSlots = () => (store.__userDirectories ??= new Map<string, Slot>());

function slotFor(orgId: string): Slot {
  const slots = localSlots();
  let slot = slots.get(orgId);
  if (!slot) slots.set(orgId, (slot = {}));
  return slot;
}

/** Reads ezeep and writes what differs into the shared store (one instance at a time per organization). */
export async function refreshDirectory(
  org: OrganizationRef,
  opts: { ifMissing?: boolean; onRead?: (build: DirectoryBuild) => void } = {},
): Promise<BuiltDirectory | null> {
  return withKeyLock(
    `directory:${org.id}`,
    async () => {
      const state = await readState(org.id);
      // Another instance built it while this one waited for the lock.
      if (opts.ifMissing && state?.builtAt) return null;
      const sinceSeq = state?.seq ?? 0;
      const build = await buildDirectory(ezeepFor(org));
      opts.onRead?.(build);
      return writeBuild(org.id, build, sinceSeq);
    },
    { waitMs: 120_000 },
  );
}

function directoryOf(users: UserRow[], groups: GroupRef[], builtAt: number, buildMs: number): Directory {
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    builtAt,
    buildMs,
    users: [...byId.values()],
    byId,
    groups: new Map(groups.map((g) => [g.id, g])),
    sorted: new Map(),
  };
}

function emptyDirectory(state: StoredState): Directory {
  return directoryOf([], [], state.builtAt?.getTime() ?? 0, state.buildMs);
}

/** The copy a build of this instance just wrote: no need to read back what it holds in memory. */
function copyOfBuild(built: BuiltDirectory): Copy {
  const directory = directoryOf(built.users, built.groups, built.builtAt.getTime(), built.buildMs);
  return { directory, seq: built.seq };
}

/**
 * Rebuilds from ezeep. The page that asked gets the users as soon as ezeep's answers are in; the
 * write to the shared tables goes on in the background (this instance's next readers wait for it,
 * other instances wait for the directory lock). Null when another instance had built it.
 */
async function rebuild(org: OrganizationRef, slot: Slot, forced: boolean): Promise<Directory | null> {
  let delivered = false;
  let deliver: (directory: Directory) => void = () => undefined;
  const read = new Promise<Directory>((resolve) => (deliver = resolve));
  const onRead = (build: DirectoryBuild) => {
    delivered = true;
    deliver(directoryOf(build.users, build.groups, Date.now(), build.buildMs));
  };
  const written = refreshDirectory(org, { ifMissing: !forced, onRead }).then((built) => {
    if (built) slot.copy = copyOfBuild(built);
  });
  const settled = () => {
    if (slot.refreshing === tracked) slot.refreshing = undefined;
  };
  const tracked: Promise<void> = written.then(settled, (err) => {
    settled();
    // Before the read the asking page reports it; after it, nobody else would.
    if (delivered) log.error({ err }, "could not write the users directory");
  });
  slot.refreshing = tracked;
  return Promise.race([read, written.then(() => null)]);
}

/** Resolves once this instance's rebuild of the organization's directory is written (benchmarks, tests). */
export function directoryWritten(organizationId: string): Promise<void> {
  return localSlots().get(organizationId)?.refreshing ?? Promise.resolve();
}

/** Applies stored rows (a full load or the changes since the copy) to a directory. */
function applyEntries(dir: Directory, entries: StoredEntry[]): void {
  if (entries.length === 0) return;
  dir.sorted.clear();
  for (const e of entries) {
    if (e.kind === "group") {
      if (e.data === null) dir.groups.delete(e.id);
      else dir.groups.set(e.id, JSON.parse(e.data) as GroupRef);
    } else if (e.data === null) dir.byId.delete(e.id);
    else dir.byId.set(e.id, JSON.parse(e.data) as UserRow);
  }
  dir.users = [...dir.byId.values()];
}

async function syncCopy(orgId: string, slot: Slot, state: StoredState): Promise<Copy> {
  const copy = slot.copy;
  const incremental = copy && copy.seq >= state.purgedSeq;
  const entries = await readEntries(orgId, incremental ? copy.seq : null);
  const directory = incremental ? copy.directory : emptyDirectory(state);
  applyEntries(directory, entries);
  directory.builtAt = state.builtAt?.getTime() ?? directory.builtAt;
  directory.buildMs = state.buildMs;
  // Rows written after `state` was read may be in `entries` already: count the newest seen.
  const seq = Math.max(state.seq, ...entries.map((e) => e.seq));
  return { directory, seq };
}

/** The organization's directory as stored now: this instance's copy, brought up to date. */
export async function getDirectory(ctx: OrgContext, opts: { refresh?: boolean } = {}): Promise<Directory> {
  const orgId = ctx.organization.id;
  const slot = slotFor(orgId);
  let state = await readState(orgId);
  if (opts.refresh || slot.stale || !state?.builtAt) {
    const forced = Boolean(opts.refresh || slot.stale);
    slot.stale = false;
    const fresh = await rebuild(ctx.organization, slot, forced);
    if (fresh) return fresh;
    state = (await readState(orgId))!;
  } else if (slot.refreshing) {
    // A forced refresh is under way in this instance: read what it brings, not what it replaces.
    await slot.refreshing.catch(() => undefined);
    state = (await readState(orgId))!;
  }
  if (slot.copy && slot.copy.seq === state.seq) return slot.copy.directory;
  const syncing = (slot.syncing ??= syncCopy(orgId, slot, state).finally(() => (slot.syncing = undefined)));
  slot.copy = await syncing;
  return slot.copy.directory;
}

/** Forgets this instance's copy and rebuilds from ezeep on the next read (tests; after changes made in ezeep). */
export function invalidateDirectory(organizationId: string): void {
  const slot = slotFor(organizationId);
  slot.copy = undefined;
  slot.stale = true;
}

/**
 * The group ids the shared directory last stored for a user ([] when it has no row): a guess at
 * what ezeep will say, for reads worth starting before ezeep has answered.
 */
export async function storedGroupIds(organizationId: string, userId: string): Promise<string[]> {
  const stored = await readEntry(organizationId, "user", userId);
  return stored?.data ? (JSON.parse(stored.data) as UserRow).groupIds : [];
}

/**
 * The user ids the shared directory last stored for these e-mail addresses (compared in lower
 * case), without reading ezeep: a guess for a caller that confirms it with one read per user.
 */
export async function storedUserIdsByEmail(
  organizationId: string,
  emails: string[],
): Promise<Map<string, string>> {
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const texts = [...wanted].map((email) => JSON.stringify(email));
  for (const entry of await readEntriesContaining(organizationId, "user", texts)) {
    const row = entry.data ? (JSON.parse(entry.data) as UserRow) : null;
    const email = row?.email.toLowerCase();
    if (row && email && wanted.has(email)) found.set(email, row.id);
  }
  return found;
}

export type LocalChange =
  | { user: UserRow }
  | { removeId: string }
  | { userId: string; groupIds: string[] }
  | { userId: string; flags: Partial<UserRow["flags"]> };

async function changeFor(organizationId: string, update: LocalChange): Promise<EntryChange | null> {
  if ("removeId" in update) return { kind: "user", id: update.removeId, row: null };
  if ("user" in update) return { kind: "user", id: update.user.id, row: update.user };
  const stored = await readEntry(organizationId, "user", update.userId);
  if (!stored?.data) return null; // not in the directory (yet): the next refresh brings it
  const row = JSON.parse(stored.data) as UserRow;
  const next: UserRow =
    "groupIds" in update
      ? { ...row, groupIds: [...new Set(update.groupIds)] }
      : { ...row, flags: { ...row.flags, ...update.flags } };
  return { kind: "user", id: row.id, row: next };
}

function sameRow(current: unknown, row: UserRow | GroupRef | null): boolean {
  if (row === null) return current === undefined || current === null;
  return current !== undefined && current !== null && JSON.stringify(current) === JSON.stringify(row);
}

/**
 * Compares with the stored row (not this instance's copy, which may lag behind a change another
 * path already wrote): a write is skipped only when the shared directory already shows it.
 */
async function unchanged(organizationId: string, change: EntryChange): Promise<boolean> {
  const stored = await readEntry(organizationId, change.kind, change.id);
  return sameRow(stored?.data ? JSON.parse(stored.data) : undefined, change.row);
}

/**
 * Records a change the portal just made in ezeep (with ezeep's answer) in the shared directory, so
 * every instance shows it at once. Never throws: the change is done in ezeep, and the next
 * refresh repairs a directory that missed it.
 */
export async function applyLocalChange(organizationId: string, update: LocalChange): Promise<void> {
  try {
    const change = await changeFor(organizationId, update);
    if (!change || (await unchanged(organizationId, change))) return;
    await writeChanges(organizationId, [change]);
  } catch (err) {
    log.error({ err }, "could not update the shared directory");
  }
}

/**
 * Several users' new group lists (a bulk membership change) in one read and one write, instead of
 * two reads and a transaction per user. Never throws, like applyLocalChange.
 */
export async function applyGroupChanges(
  organizationId: string,
  updates: { userId: string; groupIds: string[] }[],
): Promise<void> {
  try {
    const changes: EntryChange[] = [];
    for (let i = 0; i < updates.length; i += 400) {
      const part = updates.slice(i, i + 400); // SQLite binds at most 999 values per statement
      const stored = await readEntriesOf(
        organizationId,
        "user",
        part.map((u) => u.userId),
      );
      const byId = new Map(stored.map((e) => [e.id, e.data ? (JSON.parse(e.data) as UserRow) : null]));
      for (const u of part) {
        const row = byId.get(u.userId);
        if (!row) continue; // not in the directory (yet): the next refresh brings it
        const next: UserRow = { ...row, groupIds: [...new Set(u.groupIds)] };
        if (!sameRow(row, next)) changes.push({ kind: "user", id: row.id, row: next });
      }
    }
    await writeChanges(organizationId, changes);
  } catch (err) {
    log.error({ err }, "could not update the shared directory");
  }
}

/** The name services have always called: the same as applyLocalChange. */
export const patchDirectory = applyLocalChange;

/**
 * Adds or renames a group seen in ezeep (created since the last refresh). Compared with this
 * instance's copy only, so reading a list of groups costs no queries; without a copy the next
 * refresh brings it.
 */
export async function rememberGroup(organizationId: string, group: GroupRef): Promise<void> {
  const dir = localSlots().get(organizationId)?.copy?.directory;
  if (!dir || sameRow(dir.groups.get(group.id), group)) return;
  const change: EntryChange = { kind: "group", id: group.id, row: group };
  try {
    await writeChanges(organizationId, [change]);
  } catch (err) {
    log.error({ err }, "could not update the shared directory");
  }
}

/** Organizations whose directory someone has looked at (the others are built on first view). */
async function builtOrganizations(): Promise<OrganizationRef[]> {
  const built = await db.directoryState.findMany({
    where: { builtAt: { not: null } },
    select: { organizationId: true },
  });
  const orgs = await db.organization.findMany({ where: { id: { in: built.map((b) => b.organizationId) } } });
  return orgs.map((o) => ({ id: o.id, ezeepId: o.ezeepId, name: o.name, connection: o.connection }));
}

/** Re-reads every built directory from ezeep (USERS_DIRECTORY_REFRESH_SECONDS, default 60). */
export const usersDirectoryJob: JobDefinition = {
  name: "users-directory",
  intervalMs: env().USERS_DIRECTORY_REFRESH_SECONDS * 1_000,
  run: async () => {
    let failed = 0;
    for (const org of await builtOrganizations()) {
      try {
        await refreshDirectory(org);
      } catch (err) {
        failed++;
        console.error(
          `[users] directory refresh of ${org.name} failed:`,
          err instanceof Error ? err.message : err,
        );
      }
    }
    if (failed) throw new Error(`${failed} organization(s) could not be refreshed`);
  },
};
