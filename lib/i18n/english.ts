// English messages without a request, for defaults that must exist at module load: zod
// schemas' messages (their request-language twins come from the same builder with
// `translator(…)`, lib/i18n/server.ts) and parsers that tests call directly.
import { createTranslator } from "use-intl/core";

import { messagesFor, type Messages } from "@/lib/i18n/messages";

export function englishTranslator<N extends keyof Messages>(namespace: N) {
  return createTranslator<Messages, N>({ locale: "en", messages: messagesFor("en"), namespace });
}

/** The type of a namespace's translator, English or the request's. */
export type NamespaceTranslator<N extends keyof Messages> = ReturnType<typeof englishTranslator<N>>;
