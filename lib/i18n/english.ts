// English messages without a request, for defaults that must exist at module load and parsers
// that tests call directly (lib/provisioning/csv.ts). zod schemas do not need it: their messages
// are English sentences, translated through the `validation` catalogue (lib/i18n/validation.ts).
import { createTranslator } from "use-intl/core";

import { messagesFor, type Messages } from "@/lib/i18n/messages";

export function englishTranslator<N extends keyof Messages>(namespace: N) {
  return createTranslator<Messages, N>({ locale: "en", messages: messagesFor("en"), namespace });
}

/** The type of a namespace's translator, English or the request's. */
export type NamespaceTranslator<N extends keyof Messages> = ReturnType<typeof englishTranslator<N>>;
