"use server";

// Server actions for groups. Each one is defineAction(…): session, permission, zod, audit.
import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/auth/action";
import { createGroupSchema, deleteGroupSchema, updateGroupSchema } from "@/lib/groups/schemas";
import { createGroup, deleteGroup, updateGroup } from "@/lib/groups/service";

function refreshGroupPages() {
  try {
    revalidatePath("/groups", "layout");
    revalidatePath("/audit");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const createGroupAction = defineAction({
  name: "group.create",
  permission: "groups.write",
  mutation: true,
  input: createGroupSchema,
  handler: async (ctx, input) => {
    const group = await createGroup(ctx, input);
    refreshGroupPages();
    return group;
  },
});

export const updateGroupAction = defineAction({
  name: "group.update",
  permission: "groups.write",
  mutation: true,
  input: updateGroupSchema,
  handler: async (ctx, input) => {
    const group = await updateGroup(ctx, input);
    refreshGroupPages();
    return group;
  },
});

export const deleteGroupAction = defineAction({
  name: "group.delete",
  permission: "groups.write",
  mutation: true,
  input: deleteGroupSchema,
  handler: async (ctx, input) => {
    const deleted = await deleteGroup(ctx, input);
    refreshGroupPages();
    return deleted;
  },
});
