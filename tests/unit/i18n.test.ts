// The message catalogue: German has exactly English's keys, no empty texts and the same
// placeholders; the browser's language is negotiated as documented.
import { describe, expect, it } from "vitest";

import { negotiateLocale } from "@/lib/i18n/locales";
import { messagesFor, NAMESPACES } from "@/lib/i18n/messages";
import { translator } from "@/lib/i18n/server";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** ICU argument names ({count}, {name, plural, …}) and rich-text tags (<link>…</link>). */
function placeholders(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z][\w]*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

const en = flatten(messagesFor("en") as unknown as Tree);
const de = flatten(messagesFor("de") as unknown as Tree);

describe("message catalogue", () => {
  it("has the same keys in English and German", () => {
    expect([...de.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !de.has(k))).toEqual([]);
  });

  it("has no empty message and no key with a dot inside a segment", () => {
    for (const [key, text] of [...en, ...de]) {
      expect(text.trim(), key).not.toBe("");
    }
    for (const ns of NAMESPACES) expect(ns).toMatch(/^[a-z][a-zA-Z]*$/);
  });

  it("uses the same placeholders in both languages", () => {
    const differing = [...en]
      .filter(([key, text]) => de.has(key) && placeholders(text).join() !== placeholders(de.get(key)!).join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it("is German in German (a sample of texts differs from English)", () => {
    expect(de.get("language.title")).toBe("Sprache");
    const same = [...en].filter(([key, text]) => de.get(key) === text && text.length > 12);
    // Product names and codes may be equal; whole sentences should not be.
    expect(same.filter(([, text]) => / \w+ \w+ /.test(text)).map(([key]) => key)).toEqual([]);
  });
});

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["en-US,en;q=0.9,de;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,de;q=0.5", "de"],
    ["fr,it", "en"],
    ["en;q=0.2, de-AT;q=0.7", "de"],
    ["de;q=0, en", "en"],
    ["DE-ch", "de"],
  ])("%s → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe("translator outside a request", () => {
  it("answers in English", async () => {
    const t = await translator("language");
    expect(t("title")).toBe("Language");
  });
});
