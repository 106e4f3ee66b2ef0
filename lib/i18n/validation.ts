// Validation messages in the request's language, without rewriting the schemas: the English text
// in a schema stays the source (gettext style) and the `validation` namespace maps key → text per
// language. A message is looked up by its English text; a schema template such as
// `Use at most ${MAX} characters.` is catalogued as "Use at most {max} characters." and matched
// with its placeholders. zod's own default messages come from zod's German locale (a per-parse
// error map; a schema's own message takes precedence). Unknown text stays as it is.
// scripts/lib/validation-messages.ts and tests/unit/validation-messages.test.ts keep the
// catalogue complete.
import "server-only";

import { createTranslator } from "use-intl/core";
import { z } from "zod";

import { DEFAULT_LOCALE, type AppLocale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";

type Tree = { [key: string]: string | Tree };

interface Pattern {
  key: string;
  names: string[];
  regex: RegExp;
}

/** "group.nameMax" → text, for every leaf of a catalogue tree. */
export function flattenCatalogue(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flattenCatalogue(value, path)) out.set(k, v);
  }
  return out;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** "Use at most {max} characters." → /^Use at most (.+?) characters\.$/ with names ["max"]. */
export function patternOf(key: string, english: string): Pattern {
  const names = [...english.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const source = english
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 1 ? "(.+?)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return { key, names, regex: new RegExp(`^${source}$`) };
}

/** The reverse map English text → key, built once. */
const lookup = (() => {
  const english = flattenCatalogue(messagesFor("en").validation as Tree);
  const exact = new Map<string, string>();
  const patterns: Pattern[] = [];
  for (const [key, text] of english) {
    if (/\{\w+\}/.test(text)) patterns.push(patternOf(key, text));
    else exact.set(text, key);
  }
  return { exact, patterns };
})();

/** The catalogue key and placeholder values of an English message, or null when not catalogued. */
export function findValidationKey(message: string): { key: string; values: Record<string, string> } | null {
  const key = lookup.exact.get(message);
  if (key) return { key, values: {} };
  for (const pattern of lookup.patterns) {
    const match = pattern.regex.exec(message);
    if (match)
      return { key: pattern.key, values: Object.fromEntries(pattern.names.map((n, i) => [n, match[i + 1]])) };
  }
  return null;
}

/** A schema's English message in `locale`; text the catalogue does not know stays unchanged. */
export function translateValidationMessage(message: string, locale: AppLocale): string {
  if (locale === DEFAULT_LOCALE) return message;
  const found = findValidationKey(message);
  if (!found) return message;
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "validation" });
  return (t as unknown as (key: string, values: Record<string, string>) => string)(found.key, found.values);
}

const germanDefaults = z.locales.de().localeError;

/** zod's own messages ("Invalid input", …) in `locale`; English is zod's default. */
export function zodErrorMapFor(locale: AppLocale): z.core.$ZodErrorMap | undefined {
  return locale === "de" ? germanDefaults : undefined;
}

/** `schema.safeParse(raw)` with every issue's message in `locale`. */
export function safeParseIn<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  locale: AppLocale,
): z.ZodSafeParseResult<z.output<S>> {
  const error = zodErrorMapFor(locale);
  const parsed = schema.safeParse(raw, error ? { error } : undefined) as z.ZodSafeParseResult<z.output<S>>;
  if (!parsed.success && locale !== DEFAULT_LOCALE) {
    // Issues are plain objects; zod types their message read-only for callers, not for us.
    for (const issue of parsed.error.issues as { message: string }[])
      issue.message = translateValidationMessage(issue.message, locale);
  }
  return parsed;
}

/** safeParseIn for the current request's language (English outside a request). */
export async function safeParseForRequest<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): Promise<z.ZodSafeParseResult<z.output<S>>> {
  return safeParseIn(schema, raw, await requestLocale());
}
