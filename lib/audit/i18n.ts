// The audit log in the reader's language: action labels and sentences from the `audit` message
// namespace (keys `actions.<action id with "_" for ".">.label` / `.sentence`). The English texts in
// lib/audit/actions-catalog.ts stay the reference for docs and tests; a unit test keeps the
// catalogue and both languages in step.
import { createTranslator } from "use-intl/core";

import { auditActionOf, isAuditAction, type AuditActionName } from "@/lib/audit/actions-catalog";
import { messagesFor, type Messages } from "@/lib/i18n/messages";

export type AuditTranslator = ReturnType<typeof createTranslator<Messages, "audit">>;
export type AuditActionKey = keyof Messages["audit"]["actions"];

/** English, for code outside a request and for tests that read the reference texts. */
export const englishAudit: AuditTranslator = createTranslator({
  locale: "en",
  messages: messagesFor("en"),
  namespace: "audit",
});

/** "admin.totp.enable" → "admin_totp_enable": message keys may not contain dots. */
export function actionMessageKey(action: AuditActionName): AuditActionKey {
  return action.replace(/\./g, "_") as AuditActionKey;
}

/** A label for any action string (older names included); unknown ones read as themselves. */
export function localActionLabel(t: AuditTranslator, name: string): string {
  const canonical = auditActionOf(name);
  return isAuditAction(canonical) ? t(`actions.${actionMessageKey(canonical)}.label`) : name;
}

export function localActionSentence(t: AuditTranslator, name: string): string {
  const canonical = auditActionOf(name);
  return isAuditAction(canonical) ? t(`actions.${actionMessageKey(canonical)}.sentence`) : name;
}
