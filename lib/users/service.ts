// Users of one organization. Two ezeep resources share one id (docs/ezeep.md#users):
// identity, roles and delete on the account host (`users`), printing flags and groups on the
// printing host (`printingUsers`). Lists come from the per-organization index
// (lib/users/directory.ts); one user's page and every write read ezeep directly.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { UserFacingError } from "@/lib/errors";
import { EzeepError, type AccountUser, type PrintingUser } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { userLockKey, withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";
import {
  flagsOf,
  groupRef,
  patchDirectory,
  userRow,
  type GroupRef,
  type UserRow,
} from "@/lib/users/directory";
import {
  PRINTING_FLAGS,
  USER_ROLE_LABELS,
  type PrintingFlag,
  type SetFlagsInput,
  type UpdateUserInput,
} from "@/lib/users/schemas";

import "@/lib/users/reconcile";

import { byName } from "@/lib/sort";

export type { UserRow, GroupRef } from "@/lib/users/directory";

export {
  listUsers,
  queryDirectory,
  searchUsers,
  sortedUsers,
  toListItem,
  type UserListItem,
  type UserPage,
} from "@/lib/users/list";

// ---------------------------------------------------------------------------------------------
// One user

export interface UserDetail {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  name: string;
  role: UserRow["role"];
  roles: string[];
  verified: boolean;
  azure: boolean;
  azureName: string | null;
  dateJoined: string | null;
  invitation: { status: string; expires: string | null } | null;
  /** null when the user has no printing row yet (an invitee). */
  printing: UserRow["flags"] | null;
  /** Flags ezeep accepts but does not report back (pull printing): shown as "not reported". */
  unreported: PrintingFlag[];
  groups: GroupRef[];
}

function isNotFound(err: unknown): boolean {
  return err instanceof EzeepError && err.status === 404;
}

async function readPrintingUser(ctx: OrgContext, id: string): Promise<PrintingUser | null> {
  try {
    return await ezeepFor(ctx.organization).printingUsers.get(id);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

async function readAccountUser(ctx: OrgContext, id: string): Promise<AccountUser | null> {
  try {
    return await ezeepFor(ctx.organization).users.get(id);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Every group of the organization by id (one request up to 100 groups; shared within a page view). */
export async function groupsById(ctx: OrgContext): Promise<Map<string, GroupRef>> {
  const groups = await ezeepFor(ctx.organization).groups.all();
  return new Map(groups.map((g) => [g.id, groupRef(g)]));
}

/** Group names for ids, from the organization's groups list (not from the whole user index). */
export async function resolveGroups(
  ctx: OrgContext,
  ids: readonly string[],
  known?: Map<string, GroupRef>,
): Promise<GroupRef[]> {
  const byId = known && ids.every((id) => known.has(id)) ? known : await groupsById(ctx);
  return ids.map((id) => byId.get(id) ?? { id, name: "Unknown group", azure: false }).sort(byName);
}

function toDetail(account: AccountUser, printing: PrintingUser | null, groups: GroupRef[]): UserDetail {
  const row = userRow(account, printing);
  const invitations = account.user_invitations ?? [];
  const latest = invitations[invitations.length - 1];
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    name: row.name,
    role: row.role,
    roles: account.roles,
    verified: row.verified,
    azure: row.azure,
    azureName: account.id_profile?.preferred_username ?? null,
    dateJoined: row.dateJoined,
    invitation:
      latest && !row.verified
        ? { status: latest.invitation_status ?? "OPEN", expires: latest.expire_date ?? null }
        : null,
    printing: printing ? row.flags : null,
    unreported: printing ? unreportedFlags(printing) : [],
    groups,
  };
}

/**
 * The user read from both ezeep hosts, or null when ezeep does not know them. One round: the
 * account user, the printing user and the groups list (for the group names) in parallel.
 */
/**
 * The user as ezeep has them now, and the shared directory brought in line with that (`synced`:
 * a page awaits it beside its next reads instead of before them).
 */
export async function readUser(
  ctx: OrgContext,
  id: string,
): Promise<{ user: UserDetail | null; synced: Promise<void> }> {
  const [account, printing, groups] = await Promise.all([
    readAccountUser(ctx, id),
    readPrintingUser(ctx, id),
    groupsById(ctx),
  ]);
  if (!account) return { user: null, synced: patchDirectory(ctx.organization.id, { removeId: id }) };
  const synced = patchDirectory(ctx.organization.id, { user: userRow(account, printing) });
  const ids = [...new Set(printing?.groups.map((g) => g.group_id) ?? [])];
  return { user: toDetail(account, printing, await resolveGroups(ctx, ids, groups)), synced };
}

export async function findUser(ctx: OrgContext, id: string): Promise<UserDetail | null> {
  const { user, synced } = await readUser(ctx, id);
  await synced;
  return user;
}

export async function getUser(ctx: OrgContext, id: string): Promise<UserDetail> {
  const user = await findUser(ctx, id);
  if (!user) throw new UserFacingError((await translator("users"))("errors.notFound"));
  return user;
}

// ---------------------------------------------------------------------------------------------
// Changes

const FIELD_NAMES: Record<string, string> = {
  first_name: "firstName",
  last_name: "lastName",
  roles: "role",
  email: "email",
};

/** ezeep's answer in words an admin can act on, with its field errors on our form's fields. */
export async function explainUserError(err: unknown): Promise<unknown> {
  if (!(err instanceof EzeepError)) return err;
  const t = await translator("users");
  if (err.status === 404) return new UserFacingError(t("errors.notFound"));
  if (err.status === 400 && err.fieldErrors) {
    const fieldErrors: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(err.fieldErrors)) fieldErrors[FIELD_NAMES[k] ?? k] = v;
    const first = Object.values(err.fieldErrors)[0]?.[0];
    return new UserFacingError(t("errors.ezeepRejected", { reason: first ?? err.message }), fieldErrors);
  }
  return err;
}

function identitySnapshot(u: { firstName: string; lastName: string; role: UserRow["role"] }) {
  return { firstName: u.firstName, lastName: u.lastName, role: USER_ROLE_LABELS[u.role] };
}

export async function updateUser(ctx: OrgContext, input: UpdateUserInput): Promise<UserDetail> {
  const before = await getUser(ctx, input.id);
  const patch: { first_name?: string; last_name?: string; roles?: string[] } = {};
  if (input.firstName !== before.firstName) patch.first_name = input.firstName;
  if (input.lastName !== before.lastName) patch.last_name = input.lastName;
  if (input.role !== before.role) patch.roles = [input.role];
  if (Object.keys(patch).length === 0) return before;
  try {
    return await audited(ctx, {
      action: "user.update",
      target: { type: "user", id: before.id, label: before.email },
      before: identitySnapshot(before),
      intended: identitySnapshot(input),
      run: async () => {
        const account = await ezeepFor(ctx.organization).users.update(before.id, patch);
        const printing = await readPrintingUser(ctx, before.id);
        await patchDirectory(ctx.organization.id, { user: userRow(account, printing) });
        const after = toDetail(account, printing, before.groups);
        return {
          result: after,
          after: identitySnapshot(after),
          target: { type: "user", id: after.id, label: after.email },
        };
      },
    });
  } catch (err) {
    throw await explainUserError(err);
  }
}

/** ezeep leaves `pull_printing_enabled` out of its answers: that flag can be set but not read. */
function unreportedFlags(printing: PrintingUser): PrintingFlag[] {
  return PRINTING_FLAGS.filter((f) => printing[f] === undefined || printing[f] === null);
}

const NOT_REPORTED = "not reported by ezeep";

function flagsSnapshot(
  flags: Partial<UserRow["flags"]>,
  only: readonly string[],
  unreported: readonly string[] = [],
) {
  return Object.fromEntries(
    only.map((f) => {
      if (unreported.includes(f)) return [f, NOT_REPORTED];
      return [f, flags[f as keyof UserRow["flags"]] ? "on" : "off"];
    }),
  );
}

/** What to send: changed flags, and every chosen flag ezeep does not report (its value is unknown). */
function flagsToSend(before: UserDetail, input: SetFlagsInput): Partial<UserRow["flags"]> {
  const patch: Partial<UserRow["flags"]> = {};
  for (const f of PRINTING_FLAGS) {
    const chosen = input[f];
    if (chosen === undefined) continue;
    if (before.unreported.includes(f) || chosen !== before.printing?.[f]) patch[f] = chosen;
  }
  return patch;
}

/** For flags ezeep does not read back, the audit keeps the value that was sent. */
function sentButUnreported(patch: Partial<UserRow["flags"]>, unreported: readonly PrintingFlag[]) {
  return Object.fromEntries(
    unreported
      .filter((f) => patch[f] !== undefined)
      .map((f) => [f, `${patch[f] ? "on" : "off"} (sent; ${NOT_REPORTED})`]),
  );
}

export async function setPrintingFlags(ctx: OrgContext, input: SetFlagsInput): Promise<UserDetail> {
  return withKeyLock(userLockKey(ctx.organization.id, input.id), async () => {
    const before = await getUser(ctx, input.id);
    if (!before.printing) {
      const t = await translator("users");
      throw new UserFacingError(t("errors.noPrintingYet", { email: before.email }));
    }
    const patch = flagsToSend(before, input);
    const changed = Object.keys(patch);
    if (changed.length === 0) return before;
    try {
      return await audited(ctx, {
        action: "user.update_printing",
        target: { type: "user", id: before.id, label: before.email },
        before: flagsSnapshot(before.printing, changed, before.unreported),
        // The value sent, also for flags ezeep will not report back.
        intended: flagsSnapshot({ ...before.printing, ...patch }, changed),
        run: async () => {
          const updated = await ezeepFor(ctx.organization).printingUsers.update(before.id, patch);
          const unreported = unreportedFlags(updated);
          const flags = flagsOf(updated);
          await patchDirectory(ctx.organization.id, { userId: before.id, flags });
          const after = { ...flagsSnapshot(flags, changed, []), ...sentButUnreported(patch, unreported) };
          return { result: { ...before, printing: flags, unreported }, after };
        },
      });
    } catch (err) {
      throw await explainUserError(err);
    }
  });
}

export interface DeletionImpact {
  user: UserDetail;
  groups: GroupRef[];
  printers: { id: string; name: string; via: string[] }[];
}

/** Printers a user gets through these groups (ezeep has no per-user filter: §4 #12). */
export async function printersThroughGroups(
  ctx: OrgContext,
  groups: readonly GroupRef[],
): Promise<{ id: string; name: string; via: string[] }[]> {
  const printers = new Map<string, { id: string; name: string; via: string[] }>();
  const client = ezeepFor(ctx.organization);
  await Promise.all(
    groups.map(async (group) => {
      for await (const a of client.assignments.iterate({ group: group.id, pageSize: 100 })) {
        const entry = printers.get(a.printer_id) ?? {
          id: a.printer_id,
          name: a.printer_name || "Unnamed printer",
          via: [],
        };
        if (!entry.via.includes(group.name)) entry.via.push(group.name);
        printers.set(a.printer_id, entry);
      }
    }),
  );
  return [...printers.values()].sort(byName);
}

export async function deletionImpact(ctx: OrgContext, id: string): Promise<DeletionImpact> {
  const user = await getUser(ctx, id);
  return { user, groups: user.groups, printers: await printersThroughGroups(ctx, user.groups) };
}

export async function deleteUser(
  ctx: OrgContext,
  input: { id: string },
): Promise<{ id: string; email: string }> {
  return withKeyLock(userLockKey(ctx.organization.id, input.id), async () => {
    const before = await getUser(ctx, input.id);
    try {
      return await audited(ctx, {
        action: "user.delete",
        target: { type: "user", id: before.id, label: before.email },
        before: {
          email: before.email,
          name: before.name,
          role: USER_ROLE_LABELS[before.role],
          groups: before.groups.map((g) => g.name),
          groupIds: before.groups.map((g) => g.id),
          verified: before.verified,
        },
        run: async () => {
          await ezeepFor(ctx.organization).users.delete(before.id);
          await patchDirectory(ctx.organization.id, { removeId: before.id });
          return { result: { id: before.id, email: before.email }, after: null };
        },
      });
    } catch (err) {
      throw await explainUserError(err);
    }
  });
}
