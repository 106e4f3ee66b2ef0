"use server";

// The first-run setup form's action. Not a defineAction: there is no session or organization yet;
// the one-time setup code stands in for both (lib/setup/service.ts checks and audits it).
import { headers } from "next/headers";

import type { ActionResult } from "@/lib/auth/action";
import { requestMeta } from "@/lib/auth/request";
import { runInRequestLocale } from "@/lib/i18n/scope";
import { completeSetup, type SetupDone } from "@/lib/setup/service";

export async function completeSetupAction(raw: unknown): Promise<ActionResult<SetupDone>> {
  const meta = requestMeta(await headers());
  // Its messages in the browser's language, like every other action's.
  return runInRequestLocale(() => completeSetup(raw, meta));
}
