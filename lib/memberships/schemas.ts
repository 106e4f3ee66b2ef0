// Input rules for group memberships (docs/ezeep.md#memberships: a user's `groups` list is replaced as a whole).
import { z } from "zod";

/** One bulk action carries the whole selection (the users page selects up to 100 at a time). */
export const BULK_BATCH_MAX = 500;

const id = (what: string) =>
  z
    .string({ error: `Choose a ${what}.` })
    .trim()
    .min(1, `Choose a ${what}.`)
    .max(100);
const ids = (what: string, plural: string, max: number) =>
  z
    .array(id(what), { error: `Choose at least one ${what}.` })
    .min(1, `Choose at least one ${what}.`)
    .max(max, `Choose at most ${max} ${plural} at a time.`)
    .transform((list) => [...new Set(list)]);

export const changeUserGroupsSchema = z.object({
  userId: id("user"),
  groupIds: ids("group", "groups", 100),
});
export type ChangeUserGroupsInput = z.output<typeof changeUserGroupsSchema>;

export const bulkAddSchema = z.object({
  groupId: id("group"),
  userIds: ids("user", "users", BULK_BATCH_MAX),
});
export type BulkAddInput = z.output<typeof bulkAddSchema>;

export const listMembersSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).catch(25).default(25),
});
export type ListMembersQuery = z.output<typeof listMembersSchema>;
