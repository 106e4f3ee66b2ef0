"use server";

// Server actions for API tokens (owners only: settings.manage).
import { revalidatePath } from "next/cache";

import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import { defineAction } from "@/lib/auth/action";

function refresh() {
  try {
    revalidatePath("/settings");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const createApiTokenAction = defineAction({
  name: "apiToken.create",
  permission: "settings.manage",
  mutation: true,
  input: createApiTokenSchema,
  handler: async (ctx, input) => {
    const created = await createApiToken(ctx, input);
    refresh();
    return { id: created.id, name: created.name, prefix: created.prefix, token: created.token };
  },
});

export const revokeApiTokenAction = defineAction({
  name: "apiToken.revoke",
  permission: "settings.manage",
  mutation: true,
  input: revokeApiTokenSchema,
  handler: async (ctx, input) => {
    const revoked = await revokeApiToken(ctx, input);
    refresh();
    return { id: revoked.id, name: revoked.name };
  },
});
