// What the user detail page reads from ezeep, in two rounds and never twice:
//   round 1 (parallel): the account user, the printing user, the organization's groups
//           (group names and the "add to groups" choices come from that one list);
//   round 2 (parallel): the printer assignments of each of the user's groups (printers lost on
//           deletion, and the "printers this user can print to" section), and the printer list
//           that section names them from.
// The page's sections read through the same request scope (lib/ezeep/scope.ts: React's
// per-request cache in a rendered page), so a section asking for something this loader already
// read gets the answer without a second request.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { ezeepFor } from "@/lib/organizations/service";
import { byName } from "@/lib/sort";
import type { GroupRef } from "@/lib/users/directory";
import { groupsById, printersThroughGroups, readUser, type UserDetail } from "@/lib/users/service";

export interface UserPageData {
  user: UserDetail;
  /** Groups the user can still join (null without memberships.write or before they accept). */
  joinable: GroupRef[] | null;
  /** Printers the user would lose with their groups (null without users.delete). */
  lostPrinters: { id: string; name: string; via: string[] }[] | null;
}

export async function loadUserPage(
  ctx: OrgContext,
  id: string,
  can: { memberships: boolean; impact: boolean; printers: boolean },
): Promise<UserPageData | null> {
  const { user, synced } = await readUser(ctx, id);
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
