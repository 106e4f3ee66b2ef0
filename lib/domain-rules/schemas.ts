// Input rules of the domain rules' actions (zod at the boundary). Messages are English sentences,
// catalogued in the `validation` namespace and shown in the request's language
// (lib/i18n/validation.ts).
import { z } from "zod";

import { normalizePattern } from "@/lib/domain-rules/patterns";

/** Users one "apply to existing users" call handles; the page sends the rest in further calls. */
export const APPLY_BATCH_MAX = 25;

const groupId = z.string({ error: "Choose a group." }).trim().min(1, "Choose a group.").max(100);
const ruleId = () => z.string({ error: "Choose a rule." }).trim().min(1, "Choose a rule.").max(100);
const userId = z.string({ error: "Choose a user." }).trim().min(1, "Choose a user.").max(100);

const pattern = z
  .string({ error: "Enter an e-mail domain, e.g. acme.example or *.acme.example." })
  .max(260, "That domain is too long.")
  .transform((value, zctx) => {
    const normalized = normalizePattern(value);
    if (!normalized) {
      zctx.addIssue({
        code: "custom",
        message: "Enter an e-mail domain such as acme.example, or *.acme.example for its subdomains.",
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
      zctx.addIssue({ code: "custom", message: "Enter the date as YYYY-MM-DD." });
      return z.NEVER;
    }
    return date;
  });

export const ruleInputSchema = z.object({
  pattern,
  groupIds: z
    .array(groupId, { error: "Choose at least one group." })
    .min(1, "Choose at least one group.")
    .max(50, "Choose at most 50 groups.")
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
    .array(userId, { error: "Choose at least one user." })
    .min(1, "Choose at least one user.")
    .max(APPLY_BATCH_MAX, `At most ${APPLY_BATCH_MAX} users per call.`)
    .transform((list) => [...new Set(list)]),
});
export type ApplyExistingInput = z.output<typeof applyExistingSchema>;
