// Input rules for group memberships (docs/ezeep.md#memberships: a user's `groups` list is replaced as a whole).
import { z } from "zod";

/** One bulk action carries the whole selection (the users page selects up to 100 at a time). */
export const BULK_BATCH_MAX = 500;

// Fixed sentences per kind of id, so each is translated whole (lib/i18n/validation.ts).
const userId = z.string({ error: "Choose a user." }).trim().min(1, "Choose a user.").max(100);
const groupId = z.string({ error: "Choose a group." }).trim().min(1, "Choose a group.").max(100);

export const changeUserGroupsSchema = z.object({
  userId,
  groupIds: z
    .array(groupId, { error: "Choose at least one group." })
    .min(1, "Choose at least one group.")
    .max(100, "Choose at most 100 groups at a time.")
    .transform((list) => [...new Set(list)]),
});
export type ChangeUserGroupsInput = z.output<typeof changeUserGroupsSchema>;

export const bulkAddSchema = z.object({
  groupId,
  userIds: z
    .array(userId, { error: "Choose at least one user." })
    .min(1, "Choose at least one user.")
    .max(BULK_BATCH_MAX, `Choose at most ${BULK_BATCH_MAX} users at a time.`)
    .transform((list) => [...new Set(list)]),
});
export type BulkAddInput = z.output<typeof bulkAddSchema>;

export const listMembersSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).catch(25).default(25),
});
export type ListMembersQuery = z.output<typeof listMembersSchema>;
