"use server";

// Domain rules (lib/domain-rules/service.ts): `memberships.write` changes and applies rules;
// previews only read, but show who would join which group, so they need the same permission.
import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/auth/action";
import {
  applyExistingSchema,
  ruleIdSchema,
  ruleInputSchema,
  updateRuleSchema,
} from "@/lib/domain-rules/schemas";
import {
  applyRuleToExisting,
  createRule,
  deleteRule,
  previewRule,
  previewSavedRule,
  updateRule,
} from "@/lib/domain-rules/service";

function refresh() {
  try {
    revalidatePath("/domains", "layout");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const previewDomainRuleAction = defineAction({
  name: "domain_rule.preview",
  permission: "memberships.write",
  mutation: false,
  input: ruleInputSchema,
  handler: async (ctx, input) => previewRule(ctx, input),
});

export const previewSavedDomainRuleAction = defineAction({
  name: "domain_rule.preview_saved",
  permission: "memberships.write",
  mutation: false,
  input: ruleIdSchema,
  handler: async (ctx, input) => previewSavedRule(ctx, input),
});

export const createDomainRuleAction = defineAction({
  name: "domain_rule.create",
  permission: "memberships.write",
  mutation: true,
  input: ruleInputSchema,
  handler: async (ctx, input) => {
    const rule = await createRule(ctx, input);
    refresh();
    return { id: rule.id };
  },
});

export const updateDomainRuleAction = defineAction({
  name: "domain_rule.update",
  permission: "memberships.write",
  mutation: true,
  input: updateRuleSchema,
  handler: async (ctx, input) => {
    const rule = await updateRule(ctx, input);
    refresh();
    return { id: rule.id };
  },
});

export const deleteDomainRuleAction = defineAction({
  name: "domain_rule.delete",
  permission: "memberships.write",
  mutation: true,
  input: ruleIdSchema,
  handler: async (ctx, input) => {
    const result = await deleteRule(ctx, input);
    refresh();
    return result;
  },
});

export const applyDomainRuleAction = defineAction({
  name: "domain_rule.apply_existing",
  permission: "memberships.write",
  mutation: true,
  input: applyExistingSchema,
  handler: async (ctx, input) => {
    const result = await applyRuleToExisting(ctx, input);
    refresh();
    return result;
  },
});
