// Translations for server code that is not a component: services' user-facing errors, server
// actions' messages, route handlers. Works in and outside a request (English outside).
import "server-only";

// use-intl/core (next-intl's own core) loads in command-line scripts too, where next-intl's
// React entry cannot.
import { createTranslator } from "use-intl/core";

import { messagesFor, type Messages } from "@/lib/i18n/messages";

/** `const t = await translator("groups"); throw new UserFacingError(t("nameTaken", { name }))`. */
export async function translator<N extends keyof Messages>(namespace: N) {
  // Imported lazily: the request's language reads the session (lib/auth/options), whose providers
  // are fixed when that module loads; a static import would load it with every service.
  const { requestLocale } = await import("@/lib/i18n/request-locale");
  const locale = await requestLocale();
  return createTranslator<Messages, N>({ locale, messages: messagesFor(locale), namespace });
}
