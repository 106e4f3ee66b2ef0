// next-intl's per-request configuration (wired in next.config.js). The portal has no locale in
// its URLs: the language follows the admin's choice or the browser (lib/i18n/request-locale.ts).
import { getRequestConfig } from "next-intl/server";

import { messagesFor } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // Times are formatted by lib/ui/date-format.ts (UTC on the server, local in the browser).
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
