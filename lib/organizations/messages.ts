import "server-only";

import type { Messages } from "@/lib/i18n/messages";

/**
 * `translator(namespace)` from lib/i18n/server.ts, loaded on first use: command-line scripts
 * (drift:run, ndd:client, benchmarks) load these services outside Next, where the request-language
 * machinery cannot load; they only need it when an error is actually shown.
 */
export async function messagesOf<N extends keyof Messages>(namespace: N) {
  const { translator } = await import("@/lib/i18n/server");
  return translator(namespace);
}
