"use server";

// Turning password sign-in off or on (owners: settings.manage), lib/auth/sso/settings.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { defineAction } from "@/lib/auth/action";
import { setPasswordSignIn } from "@/lib/auth/sso/settings";

export const setPasswordSignInAction = defineAction({
  name: "settings.password_sign_in",
  permission: "settings.manage",
  mutation: true,
  input: z.object({ enabled: z.boolean({ error: "Say whether password sign-in stays on." }) }),
  handler: async (ctx, input) => {
    const result = await setPasswordSignIn(ctx, input);
    try {
      revalidatePath("/settings");
    } catch {
      // Outside a Next request (tests) there is no cache to refresh.
    }
    return result;
  },
});
