// What the user detail page reads from ezeep, in two rounds and never twice:
//   round 1 (parallel): the account user, the printing user, the organization's groups
//           (group names and the "add to groups" choices come from that one list);
//   round 2 (parallel): the printer assignments of each of the user's groups (printers lost on
//           deletion, and the "printers this user can print to" section), and the printer list
//           that section names them from.
// Round 2 usually needs no round of its own: the users directory (in the database) says which
// groups the user was in when it last looked, so those groups' assignments and the printer list
// are asked for beside round 1. When the user's groups are still those, round 2 finds every
// answer in the request scope; a changed list costs only the reads that changed.
// The page's sections read through the same request scope (lib/ezeep/scope.ts: React's
// per-request cache in a rendered page), so a section asking for something this loader already
// read gets the answer without a second request.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { readsAreShared } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { byName } from "@/lib/sort";
import { storedGroupIds, type GroupRef } from "@/lib/users/directory";
import { groupsById, printersThroughGroups, readUser, type UserDetail } from "@/lib/users/service";

export interface UserPageData {
  user: UserDetail;
  /** Groups the user can still join (null without memberships.write or before they accept). */
  joinable: GroupRef[] | null;
  /** Printers the user would lose with their groups (null without users.delete). */
  lostPrinters: { id: string; name: string; via: string[] }[] | null;
}

type Can = { memberships: boolean; impact: boolean; printers: boolean };

/**
 * Starts round 2's reads for the groups the directory last saw the user in (see the top of this
 * file). Only inside a request scope, where round 2 gets these answers instead of asking again.
 */
async function startLikelyReads(ctx: OrgContext, id: string, can: Can): Promise<void> {
  if (!readsAreShared() || !(can.impact || can.printers)) return;
  const ids = await storedGroupIds(ctx.organization.id, id);
  if (ids.length === 0) return;
  await Promise.all([
    can.printers ? ezeepFor(ctx.organization).printers.all() : null,
    readAssignments(ctx, ids),
  ]);
}

/** The assignment reads printersThroughGroups makes for these groups (names do not matter here). */
const readAssignments = (ctx: OrgContext, ids: string[]) =>
  printersThroughGroups(
    ctx,
    ids.map((groupId) => ({ id: groupId, name: "", azure: false })),
  );

export async function loadUserPage(ctx: OrgContext, id: string, can: Can): Promise<UserPageData | null> {
  const reading = readUser(ctx, id);
  startLikelyReads(ctx, id, can).catch(() => undefined); // a guess: round 2 reads again what it needs
  const { user, synced } = await reading;
  if (!user) return synced.then(() => null);
  const inGroups = new Set(user.groups.map((g) => g.id));
  const needAssignments = user.groups.length > 0 && (can.impact || can.printers);
  if (needAssignments && can.printers) {
    // Asked now so it runs beside the assignments; the printers section reads it from the scope.
    ezeepFor(ctx.organization)
      .printers.all()
      .catch(() => undefined);
  }
  const [groups, lost] = await Promise.all([
    can.memberships && user.printing ? groupsById(ctx) : null,
    needAssignments ? printersThroughGroups(ctx, user.groups) : [],
    synced,
  ]);
  const joinable = groups ? [...groups.values()].filter((g) => !inGroups.has(g.id)).sort(byName) : null;
  return { user, joinable, lostPrinters: can.impact ? lost : null };
}
