// Input rules for groups, matching ezeep's own limits (docs/ezeep.md#groups: name 1–255, description ≤255).
import { z } from "zod";

import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/groups/constants";
import { englishTranslator, type NamespaceTranslator } from "@/lib/i18n/english";

export { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX };

/** The group schemas with messages from `t` (English here; the request's language in actions). */
export function groupSchemas(t: NamespaceTranslator<"groups">) {
  const groupId = z.string().trim().min(1, t("validation.idRequired")).max(100);
  const fields = z.object({
    name: z
      .string({ error: t("validation.nameRequired") })
      .trim()
      .min(1, t("validation.nameRequired"))
      .max(GROUP_NAME_MAX, t("validation.nameTooLong", { max: GROUP_NAME_MAX })),
    description: z
      .string()
      .trim()
      .max(GROUP_DESCRIPTION_MAX, t("validation.descriptionTooLong", { max: GROUP_DESCRIPTION_MAX }))
      .default(""),
  });
  return {
    fields,
    create: fields,
    update: fields.extend({ id: groupId }),
    delete: z.object({ id: groupId }),
  };
}

const english = groupSchemas(englishTranslator("groups"));
export const groupFieldsSchema = english.fields;
export const createGroupSchema = english.create;
export const updateGroupSchema = english.update;
export const deleteGroupSchema = english.delete;

export const listGroupsSchema = z.object({
  q: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(20),
  origin: z.enum(["all", "ezeep", "azure"]).default("all"),
});
export type ListGroupsQuery = z.output<typeof listGroupsSchema>;
