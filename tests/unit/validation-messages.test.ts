// Validation messages follow the admin's language: every custom zod message of lib/ (found with
// the TypeScript compiler API) is in the `validation` catalogue, German differs from English, and
// parsing in German gives German field errors — the schema's own messages through the catalogue,
// zod's defaults through zod's German locale.
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { fieldErrorsOf } from "@/lib/auth/action";
import { createGroupSchema } from "@/lib/groups/schemas";
import { messagesFor } from "@/lib/i18n/messages";
import {
  findValidationKey,
  flattenCatalogue,
  safeParseIn,
  translateValidationMessage,
} from "@/lib/i18n/validation";
import { inviteSchema } from "@/lib/invitations/schemas";
import { totpCodeSchema } from "@/lib/mfa/schemas";
import { setupInputSchema } from "@/lib/setup/service";
import { updateUserSchema } from "@/lib/users/schemas";
import { extractValidationMessages, SLOT, uncatalogued } from "@/scripts/lib/validation-messages";

type Tree = Parameters<typeof flattenCatalogue>[0];

const en = flattenCatalogue(messagesFor("en").validation as Tree);
const de = flattenCatalogue(messagesFor("de").validation as Tree);
const found = extractValidationMessages(process.cwd());

describe("validation catalogue", () => {
  it("finds the schemas' custom messages (the extractor works)", () => {
    const texts = found.map((m) => m.text);
    expect(texts).toContain("Enter the organization's name.");
    expect(texts).toContain(`Invite at most ${SLOT} addresses at a time.`);
    expect(texts).toContain("An invitation must be valid for at least 1 day.");
    expect(found.length).toBeGreaterThan(50);
  });

  it("holds every custom zod message of lib/ (a new message cannot stay English)", () => {
    const missing = uncatalogued(found, [...en.values()]).map(
      (m) => `${m.where}: ${m.text.replaceAll(SLOT, "${…}")}`,
    );
    expect(missing).toEqual([]);
  });

  it("has each English text once, so the reverse lookup is unambiguous", () => {
    const texts = [...en.values()];
    expect(texts.filter((text, index) => texts.indexOf(text) !== index)).toEqual([]);
  });

  it("translates every message into German, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of en) {
      expect(de.get(key), key).toBeTruthy();
      expect(de.get(key), key).not.toBe(text);
      expect(placeholders(de.get(key)!), key).toEqual(placeholders(text));
    }
  });
});

describe("translateValidationMessage", () => {
  it("translates a schema's message by its English text", () => {
    expect(translateValidationMessage("Enter a group name.", "de")).toBe("Geben Sie einen Gruppennamen ein.");
    expect(translateValidationMessage("Enter a group name.", "en")).toBe("Enter a group name.");
  });

  it("fills a template's placeholders from the English text", () => {
    expect(findValidationKey("Use at most 255 characters for the name.")).toEqual({
      key: "shared.nameMax",
      values: { max: "255" },
    });
    expect(translateValidationMessage("Invite at most 100 addresses at a time.", "de")).toBe(
      "Laden Sie höchstens 100 Adressen auf einmal ein.",
    );
  });

  it("leaves unknown text unchanged", () => {
    expect(translateValidationMessage("Something nobody catalogued.", "de")).toBe(
      "Something nobody catalogued.",
    );
  });
});

describe("safeParseIn", () => {
  it("gives German field errors for a schema's own messages", () => {
    const parsed = safeParseIn(createGroupSchema, { name: "", description: "x".repeat(300) }, "de");
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      name: ["Geben Sie einen Gruppennamen ein."],
      description: ["Verwenden Sie höchstens 255 Zeichen für die Beschreibung."],
    });
  });

  it("gives zod's default messages in German too, and leaves English as it was", () => {
    const schema = z.object({ count: z.number() });
    const german = safeParseIn(schema, { count: "3" }, "de");
    const english = safeParseIn(schema, { count: "3" }, "en");
    expect(german.error!.issues[0].message).toMatch(/^Ungültige Eingabe/);
    expect(english.error!.issues[0].message).toBe(schema.safeParse({ count: "3" }).error!.issues[0].message);
  });

  it("translates messages of refinements and the < > rule of names", () => {
    const invite = safeParseIn(inviteSchema, { emails: " , ", expiresInDays: 0 }, "de");
    expect(fieldErrorsOf(invite.error!)).toMatchObject({
      emails: ["Geben Sie mindestens eine E-Mail-Adresse ein."],
      expiresInDays: ["Eine Einladung muss mindestens 1 Tag gültig sein."],
    });
    const user = safeParseIn(
      updateUserSchema,
      { id: "u1", firstName: "<b>", lastName: "Doe", role: "user" },
      "de",
    );
    expect(fieldErrorsOf(user.error!)).toEqual({ firstName: ["Der Vorname darf weder < noch > enthalten."] });
  });

  it("translates the second factor's and the setup form's messages", () => {
    const code = safeParseIn(totpCodeSchema, { code: "12ab" }, "de");
    expect(fieldErrorsOf(code.error!)).toEqual({
      code: ["Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein."],
    });
    const setup = safeParseIn(
      setupInputSchema,
      {
        email: "owner@test.example",
        name: "Owner",
        password: "a long enough password",
        code: " ",
        organization: "x",
      },
      "de",
    );
    expect(fieldErrorsOf(setup.error!)).toEqual({
      code: ["Geben Sie den Einrichtungscode aus dem Server-Log ein."],
      organization: ["Wählen Sie, wie die Organisation verbunden werden soll."],
    });
  });
});
