"use server";

// Server actions for API tokens (owners only: settings.manage).
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";

/** Pages that show what these actions change. */
const PAGES: RevalidateTarget[] = ["/settings"];

export const createApiTokenAction = defineAction({
  name: "apiToken.create",
  permission: "settings.manage",
  mutation: true,
  revalidate: PAGES,
  input: createApiTokenSchema,
  handler: async (ctx, input) => {
    const created = await createApiToken(ctx, input);
    return { id: created.id, name: created.name, prefix: created.prefix, token: created.token };
  },
});

export const revokeApiTokenAction = defineAction({
  name: "apiToken.revoke",
  permission: "settings.manage",
  mutation: true,
  revalidate: PAGES,
  input: revokeApiTokenSchema,
  handler: async (ctx, input) => {
    const revoked = await revokeApiToken(ctx, input);
    return { id: revoked.id, name: revoked.name };
  },
});
