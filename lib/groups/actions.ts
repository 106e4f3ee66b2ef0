"use server";

// Server actions for groups. Each one is defineAction(…): session, permission, zod, audit.
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
import { createGroupSchema, deleteGroupSchema, updateGroupSchema } from "@/lib/groups/schemas";
import { createGroup, deleteGroup, updateGroup } from "@/lib/groups/service";

/** Pages that show what these actions change. */
const GROUP_PAGES: RevalidateTarget[] = [["/groups", "layout"], "/audit"];

export const createGroupAction = defineAction({
  name: "group.create",
  permission: "groups.write",
  mutation: true,
  revalidate: GROUP_PAGES,
  input: createGroupSchema,
  handler: async (ctx, input) => {
    const group = await createGroup(ctx, input);
    return group;
  },
});

export const updateGroupAction = defineAction({
  name: "group.update",
  permission: "groups.write",
  mutation: true,
  revalidate: GROUP_PAGES,
  input: updateGroupSchema,
  handler: async (ctx, input) => {
    const group = await updateGroup(ctx, input);
    return group;
  },
});

export const deleteGroupAction = defineAction({
  name: "group.delete",
  permission: "groups.write",
  mutation: true,
  revalidate: GROUP_PAGES,
  input: deleteGroupSchema,
  handler: async (ctx, input) => {
    const deleted = await deleteGroup(ctx, input);
    return deleted;
  },
});
