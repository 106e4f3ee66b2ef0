"use server";

// Server actions for users. Each one is defineAction(…): session, permission, zod, audit.
import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/auth/action";
import { deleteUserSchema, searchUsersSchema, setFlagsSchema, updateUserSchema } from "@/lib/users/schemas";
import { deleteUser, searchUsers, setPrintingFlags, updateUser } from "@/lib/users/service";

function refreshUserPages() {
  try {
    revalidatePath("/users", "layout");
    revalidatePath("/groups", "layout");
    revalidatePath("/audit");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const updateUserAction = defineAction({
  name: "user.update",
  permission: "users.write",
  mutation: true,
  input: updateUserSchema,
  handler: async (ctx, input) => {
    const user = await updateUser(ctx, input);
    refreshUserPages();
    return user;
  },
});

export const setPrintingFlagsAction = defineAction({
  name: "user.update_printing",
  permission: "users.write",
  mutation: true,
  input: setFlagsSchema,
  handler: async (ctx, input) => {
    const user = await setPrintingFlags(ctx, input);
    refreshUserPages();
    return user;
  },
});

export const deleteUserAction = defineAction({
  name: "user.delete",
  permission: "users.delete",
  mutation: true,
  input: deleteUserSchema,
  handler: async (ctx, input) => {
    const deleted = await deleteUser(ctx, input);
    refreshUserPages();
    return deleted;
  },
});

/** The people picker: a few matching users, read from the organization's index. */
export const searchUsersAction = defineAction({
  name: "user.search",
  permission: "users.read",
  mutation: false,
  input: searchUsersSchema,
  handler: async (ctx, input) => searchUsers(ctx, input),
});
