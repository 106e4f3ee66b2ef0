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
import "@/lib/i18n/actions";

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
