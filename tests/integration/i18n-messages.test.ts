// What actions say follows the request's language: zod messages, refusals, NotFoundError and the
// portal's own sentences about ezeep failures. Outside a request (these tests, jobs) it is English;
// `runInLocale("de", …)` stands in for a German browser. Real actions, the simulator, a database.
import { describe, expect, it } from "vitest";

import { actionRegistry, toActionError, type ActionResult } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { timeoutError } from "@/lib/ezeep/errors";
import { localizedEzeepMessage } from "@/lib/ezeep/localized-message";
import { runInLocale } from "@/lib/i18n/scope";
import { formatDateTime } from "@/lib/ui/date-format";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/domain-rules/actions";
import "@/lib/api-tokens/actions";
import "@/lib/auth/sso/actions";
import "@/lib/groups/actions";
import "@/lib/i18n/actions";
import "@/lib/mfa/actions";
import "@/lib/search/actions";
import "@/lib/users/actions";

const sim = useSimulator();
const invoke = (name: string, ctx: OrgContext | null, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input) as Promise<ActionResult<unknown>>;

// Settings → Language: every role may set its own language (account.manage).
testActionAuthorization(sim, { "admin.language": async () => ({ locale: "en" }) });

async function owner(email: string) {
  return contextFor(await portalOrganization(sim().organizationId), "owner", email);
}

describe("action messages in the request's language", () => {
  it("answers invalid input in German inside a German scope and in English outside", async () => {
    const ctx = await owner("i18n-owner@test.example");
    const input = { pattern: "not a domain", groupIds: ["g1"] };
    const english = await invoke("domain_rule.preview", ctx, input);
    const german = await runInLocale("de", () => invoke("domain_rule.preview", ctx, input));
    expect(english).toMatchObject({
      ok: false,
      error: expect.stringContaining("Enter an e-mail domain such as"),
    });
    expect(german).toMatchObject({
      ok: false,
      error: expect.stringContaining("Geben Sie eine E-Mail-Domain wie"),
    });
    expect(german.ok ? [] : german.fieldErrors?.pattern).toEqual([
      "Geben Sie eine E-Mail-Domain wie acme.example ein, oder *.acme.example für ihre Subdomains.",
    ]);
  });

  it("refuses a signed-out caller and a missing rule in German", async () => {
    const ctx = await owner("i18n-owner2@test.example");
    const signedOut = await runInLocale("de", () => invoke("domain_rule.delete", null, { id: "x" }));
    expect(signedOut).toEqual({
      ok: false,
      error: "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren.",
    });
    const missing = await runInLocale("de", () => invoke("domain_rule.delete", ctx, { id: "no-such-rule" }));
    expect(missing).toMatchObject({
      ok: false,
      error: expect.stringContaining("Diese Regel wurde nicht gefunden"),
    });
  });

  it("keeps a field error of a service refusal in the same language", async () => {
    const ctx = await owner("i18n-owner3@test.example");
    expect(await runInLocale("de", () => invoke("apiToken.create", ctx, { name: "Sync" }))).toMatchObject({
      ok: true,
    });
    const taken = await runInLocale("de", () => invoke("apiToken.create", ctx, { name: "Sync" }));
    expect(taken).toMatchObject({
      ok: false,
      error: "Es gibt bereits ein aktives Token mit diesem Namen.",
      fieldErrors: { name: ["Wählen Sie einen Namen, den kein aktives Token verwendet."] },
    });
  });
});

// Every schema writes its messages as English sentences; German comes from the validation
// catalogue. The German texts are what a German browser was shown when these schemas still
// translated themselves ("Choose at least one group." now reads as on the other forms).
const FIELD_ERRORS: [action: string, input: unknown, field: string, english: string, german: string][] = [
  ["group.create", { name: "" }, "name", "Enter a group name.", "Geben Sie einen Gruppennamen ein."],
  [
    "group.create",
    { name: "x".repeat(256) },
    "name",
    "Use at most 255 characters for the name.",
    "Verwenden Sie höchstens 255 Zeichen für den Namen.",
  ],
  [
    "group.update",
    { id: "g1", name: "Sales", description: "x".repeat(256) },
    "description",
    "Use at most 255 characters for the description.",
    "Verwenden Sie höchstens 255 Zeichen für die Beschreibung.",
  ],
  [
    "user.update",
    { id: "u1", firstName: "x".repeat(151), lastName: "Doe", role: "user" },
    "firstName",
    "Use at most 150 characters for the first name.",
    "Verwenden Sie höchstens 150 Zeichen für den Vornamen.",
  ],
  [
    "user.update",
    { id: "u1", firstName: "Jane", lastName: "<b>", role: "boss" },
    "role",
    "Choose Admin or User as the role.",
    "Wählen Sie Administrator oder Benutzer als Rolle.",
  ],
  [
    "user.update_printing",
    { id: "u1" },
    "flags",
    "Choose at least one printing setting to change.",
    "Wählen Sie mindestens eine Druckeinstellung zum Ändern.",
  ],
  [
    "apiToken.create",
    { name: " " },
    "name",
    "Enter a name for the token.",
    "Geben Sie einen Namen für das Token ein.",
  ],
  [
    "domain_rule.preview",
    { pattern: "acme.example", groupIds: [] },
    "groupIds",
    "Choose at least one group.",
    "Wählen Sie mindestens eine Gruppe aus.",
  ],
  ["domain_rule.delete", { id: "" }, "id", "Choose a rule.", "Wählen Sie eine Regel."],
  [
    "search.global",
    { q: "a" },
    "q",
    "Type at least two characters.",
    "Geben Sie mindestens zwei Zeichen ein.",
  ],
  [
    "settings.password_sign_in",
    { enabled: "yes" },
    "enabled",
    "Say whether password sign-in stays on.",
    "Geben Sie an, ob die Anmeldung mit Passwort eingeschaltet bleibt.",
  ],
  ["portal.require_totp", { require: "yes" }, "require", "Choose on or off.", "Wählen Sie Ein oder Aus."],
];

describe("field errors of every schema from the validation catalogue", () => {
  it.each(FIELD_ERRORS)(
    "%s: invalid input (case %#) in English and German",
    async (action, input, field, english, german) => {
      const ctx = await owner("i18n-fields@test.example");
      const inEnglish = await invoke(action, ctx, input);
      const inGerman = await runInLocale("de", () => invoke(action, ctx, input));
      expect(inEnglish.ok ? null : inEnglish.fieldErrors?.[field]).toEqual([english]);
      expect(inGerman.ok ? null : inGerman.fieldErrors?.[field]).toEqual([german]);
    },
  );
});

describe("texts outside actions", () => {
  it("says NotFoundError's sentence in the reader's language where it becomes a message", async () => {
    expect(new NotFoundError("This rule").message).toBe(
      "This rule was not found. It may have been deleted in the meantime.",
    );
    const german = await runInLocale("de", async () => toActionError(new NotFoundError("Diese Regel")));
    expect(german.error).toBe(
      "Diese Regel wurde nicht gefunden. Möglicherweise wurde der Eintrag inzwischen gelöscht.",
    );
  });

  it("translates the portal's own sentence about an ezeep timeout, keeps English as the reference", async () => {
    const err = timeoutError("POST", "/sfapi/Users/", 5000);
    expect(localizedEzeepMessage(err)).toBe(err.message);
    expect(await runInLocale("de", async () => localizedEzeepMessage(err))).toBe(
      "ezeep hat nicht rechtzeitig geantwortet; die Änderung wurde möglicherweise trotzdem übernommen.",
    );
  });

  it("formats dates per language", () => {
    const date = new Date("2026-03-12T14:05:00Z");
    expect(formatDateTime(date)).toBe("12 Mar 2026, 14:05 UTC");
    expect(formatDateTime(date, "de")).toBe("12.03.2026, 14:05 UTC");
  });
});
