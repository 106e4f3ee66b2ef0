"use server";

// Server actions for users. Each one is defineAction(…): session, permission, zod, audit.
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
import { deleteUserSchema, searchUsersSchema, setFlagsSchema, updateUserSchema } from "@/lib/users/schemas";
import { deleteUser, searchUsers, setPrintingFlags, updateUser } from "@/lib/users/service";

/** Pages that show what these actions change. */
const USER_PAGES: RevalidateTarget[] = [["/users", "layout"], ["/groups", "layout"], "/audit"];

export const updateUserAction = defineAction({
  name: "user.update",
  permission: "users.write",
  mutation: true,
  revalidate: USER_PAGES,
  input: updateUserSchema,
  handler: async (ctx, input) => {
    const user = await updateUser(ctx, input);
    return user;
  },
});

export const setPrintingFlagsAction = defineAction({
  name: "user.update_printing",
  permission: "users.write",
  mutation: true,
  revalidate: USER_PAGES,
  input: setFlagsSchema,
  handler: async (ctx, input) => {
    const user = await setPrintingFlags(ctx, input);
    return user;
  },
});

export const deleteUserAction = defineAction({
  name: "user.delete",
  permission: "users.delete",
  mutation: true,
  revalidate: USER_PAGES,
  input: deleteUserSchema,
  handler: async (ctx, input) => {
    const deleted = await deleteUser(ctx, input);
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
