"use server";

// Server actions for group memberships. Each one is defineAction(…): session, permission, zod, audit.
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
import { bulkAddToGroup } from "@/lib/memberships/bulk";
import { bulkAddSchema, changeUserGroupsSchema } from "@/lib/memberships/schemas";
import { addUserToGroups, removeUserFromGroups } from "@/lib/memberships/service";

/** Pages that show what these actions change. */
const MEMBERSHIP_PAGES: RevalidateTarget[] = [["/users", "layout"], ["/groups", "layout"], "/audit"];

export const addMembershipAction = defineAction({
  name: "membership.add",
  permission: "memberships.write",
  mutation: true,
  revalidate: MEMBERSHIP_PAGES,
  input: changeUserGroupsSchema,
  handler: async (ctx, input) => {
    const result = await addUserToGroups(ctx, input);
    return result;
  },
});

export const removeMembershipAction = defineAction({
  name: "membership.remove",
  permission: "memberships.write",
  mutation: true,
  revalidate: MEMBERSHIP_PAGES,
  input: changeUserGroupsSchema,
  handler: async (ctx, input) => {
    const result = await removeUserFromGroups(ctx, input);
    return result;
  },
});

/** A bulk add of the whole selection in one call (processed with the allowed ezeep concurrency). */
export const bulkAddMembershipAction = defineAction({
  name: "membership.bulk_add",
  permission: "memberships.write",
  mutation: true,
  input: bulkAddSchema,
  // The browser refreshes once it has shown the results.
  handler: async (ctx, input) => bulkAddToGroup(ctx, input),
});
