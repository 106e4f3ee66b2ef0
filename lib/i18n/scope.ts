// Translations for synchronous server code: error constructors (NotFoundError), services' refusals
// and the action layer's own. An action runs inside `runInLocale` (with the request's language),
// which fixes it for everything it calls; outside such a scope (jobs, scripts, tests calling
// services directly) texts are English. zod messages are not made here: they are English sentences
// in the schemas, translated through the `validation` catalogue (lib/i18n/validation.ts).
import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

import { createTranslator } from "use-intl/core";

import { DEFAULT_LOCALE, type AppLocale } from "@/lib/i18n/locales";
import { messagesFor, type Messages } from "@/lib/i18n/messages";

const scope = new AsyncLocalStorage<AppLocale>();

function translatorFor(locale: AppLocale) {
  return createTranslator<Messages>({ locale, messages: messagesFor(locale) });
}

/** The whole catalogue's translator: keys are "<namespace>.<key>", type-checked. */
export type CatalogueTranslator = ReturnType<typeof translatorFor>;

/** Runs `fn` with `locale` available to `localized` (the action layer passes the request's). */
export function runInLocale<T>(locale: AppLocale, fn: () => Promise<T>): Promise<T> {
  return scope.run(locale, fn);
}

/**
 * Runs `fn` in the current request's language. Imported lazily: the request's language reads the
 * session (lib/auth/options), whose providers are configured when that module loads, so loading
 * it with every action module would fix them before the environment is complete.
 */
export async function runInRequestLocale<T>(fn: () => Promise<T>): Promise<T> {
  // Already in a scope (an action calling another, a test choosing a language): that one holds.
  if (scope.getStore()) return fn();
  const { requestLocale } = await import("@/lib/i18n/request-locale");
  return runInLocale(await requestLocale(), fn);
}

/** The language of the surrounding scope. */
export function scopeLocale(): AppLocale {
  return scope.getStore() ?? DEFAULT_LOCALE;
}

/** A text in the scope's language: `localized((t) => t("domains.errors.noMatch"))`. */
export function localized(pick: (t: CatalogueTranslator) => string): string {
  return pick(translatorFor(scopeLocale()));
}
