// Input rules of the domain rules' actions (zod at the boundary).
import { z } from "zod";

import { normalizePattern } from "@/lib/domain-rules/patterns";
import { localized, zodMessage, type CatalogueTranslator } from "@/lib/i18n/scope";

/** Users one "apply to existing users" call handles; the page sends the rest in further calls. */
export const APPLY_BATCH_MAX = 25;

const id = (choose: (t: CatalogueTranslator) => string) =>
  z.string(zodMessage(choose)).trim().min(1, zodMessage(choose)).max(100);
const groupId = id((t) => t("domains.schema.chooseGroupId"));
const ruleId = () => id((t) => t("domains.schema.chooseRule"));
const userId = id((t) => t("domains.schema.chooseUser"));

const pattern = z
  .string(zodMessage((t) => t("domains.schema.domainRequired")))
  .max(
    260,
    zodMessage((t) => t("domains.schema.domainTooLong")),
  )
  .transform((value, zctx) => {
    const normalized = normalizePattern(value);
    if (!normalized) {
      zctx.addIssue({
        code: "custom",
        message: localized((t) => t("domains.schema.domainInvalid")),
      });
      return z.NEVER;
    }
    return normalized;
  });

/** "" or an ISO date / datetime; a plain date means the start of that day (UTC). */
const joinedAfter = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value, zctx) => {
    if (!value) return null;
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) {
      zctx.addIssue({ code: "custom", message: localized((t) => t("domains.schema.dateFormat")) });
      return z.NEVER;
    }
    return date;
  });

export const ruleInputSchema = z.object({
  pattern,
  groupIds: z
    .array(
      groupId,
      zodMessage((t) => t("domains.schema.atLeastOneGroup")),
    )
    .min(
      1,
      zodMessage((t) => t("domains.schema.atLeastOneGroup")),
    )
    .max(
      50,
      zodMessage((t) => t("domains.schema.atMostGroups")),
    )
    .transform((list) => [...new Set(list)]),
  joinedAfter,
});
export type RuleInput = z.output<typeof ruleInputSchema>;

export const updateRuleSchema = ruleInputSchema.extend({ id: ruleId() });
export type UpdateRuleInput = z.output<typeof updateRuleSchema>;

export const ruleIdSchema = z.object({ id: ruleId() });

export const applyExistingSchema = z.object({
  id: ruleId(),
  userIds: z
    .array(
      userId,
      zodMessage((t) => t("domains.schema.atLeastOneUser")),
    )
    .min(
      1,
      zodMessage((t) => t("domains.schema.atLeastOneUser")),
    )
    .max(
      APPLY_BATCH_MAX,
      zodMessage((t) => t("domains.schema.atMostUsers", { max: APPLY_BATCH_MAX })),
    )
    .transform((list) => [...new Set(list)]),
});
export type ApplyExistingInput = z.output<typeof applyExistingSchema>;
