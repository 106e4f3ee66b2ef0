// Input rules for groups, matching ezeep's own limits (docs/ezeep.md#groups: name 1–255, description ≤255).
// Messages are English sentences, catalogued in the `validation` namespace and shown in the
// request's language (lib/i18n/validation.ts).
import { z } from "zod";

import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/groups/constants";

export { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX };

const groupId = z.string().trim().min(1, "A group id is required.").max(100);

export const createGroupSchema = z.object({
  name: z
    .string({ error: "Enter a group name." })
    .trim()
    .min(1, "Enter a group name.")
    .max(GROUP_NAME_MAX, `Use at most ${GROUP_NAME_MAX} characters for the name.`),
  description: z
    .string()
    .trim()
    .max(GROUP_DESCRIPTION_MAX, `Use at most ${GROUP_DESCRIPTION_MAX} characters for the description.`)
    .default(""),
});
export const updateGroupSchema = createGroupSchema.extend({ id: groupId });
export const deleteGroupSchema = z.object({ id: groupId });

export const listGroupsSchema = z.object({
  q: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(20),
  origin: z.enum(["all", "ezeep", "azure"]).default("all"),
});
export type ListGroupsQuery = z.output<typeof listGroupsSchema>;
