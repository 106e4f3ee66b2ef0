"use server";

// Server actions for group memberships. Each one is defineAction(…): session, permission, zod, audit.
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
import { bulkAddSchema, changeUserGroupsSchema } from "@/lib/memberships/schemas";
import { addUserToGroups, bulkAddToGroup, removeUserFromGroups } from "@/lib/memberships/service";

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

/** One batch of a bulk add (the browser sends the selection in batches and shows progress). */
export const bulkAddMembershipAction = defineAction({
  name: "membership.bulk_add",
  permission: "memberships.write",
  mutation: true,
  input: bulkAddSchema,
  // No revalidation per batch: the browser refreshes once when the last batch is done.
  handler: async (ctx, input) => bulkAddToGroup(ctx, input),
});
