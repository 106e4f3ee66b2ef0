// The language choice: a German browser gets German; Settings → Language → English overrides
// it for the account (in a new browser context too); → Automatic follows the browser again.
// <html lang> follows, and the change is in the audit log ("admin.language").
// The account is only ever set to English or Automatic here, so other specs (English browsers)
// keep seeing English whatever order they run in.
import { expect, test, type Browser, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD } from "./fixtures";

import "./server-only-hook";

const ACCOUNT = E2E_ADMINS.helpdesk;

async function germanContext(browser: Browser) {
  return browser.newContext({ locale: "de-DE" });
}

async function signInFromSignInPage(page: Page, labels: { email: string; password: string; submit: string }) {
  await page.goto("/signin");
  await page.getByLabel(labels.email).fill(ACCOUNT.email);
  await page.getByLabel(labels.password).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

const GERMAN = { email: "E-Mail", password: "Passwort", submit: "Anmelden" };
const ENGLISH = { email: "Email", password: "Password", submit: "Sign in" };

async function chooseLanguage(page: Page, label: string, option: string, save: string, saved: string) {
  await page.goto("/settings");
  await page.getByLabel(label, { exact: true }).selectOption(option);
  await page.getByRole("button", { name: save, exact: true }).first().click();
  await expect(page.getByTestId("form-status").filter({ hasText: saved })).toBeVisible();
}

test("a German browser, an English choice on the account, then Automatic again", async ({ browser }) => {
  const first = await germanContext(browser);
  const page = await first.newPage();
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { name: "Anmeldung beim ezeep Admin Portal" })).toBeVisible();
  await signInFromSignInPage(page, GERMAN);
  await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();

  // Settings → Language → English: the German browser now gets English.
  await chooseLanguage(page, "Sprache", "en", "Speichern", "Sprache gespeichert.");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await first.close();

  // A new German browser context, same account: still English after sign-in.
  const second = await germanContext(browser);
  const again = await second.newPage();
  await signInFromSignInPage(again, GERMAN); // before sign-in the browser's language applies
  await expect(again.locator("html")).toHaveAttribute("lang", "en");
  await expect(again.getByRole("button", { name: "Sign out" })).toBeVisible();

  // → Automatic: the browser's German again.
  await chooseLanguage(again, "Language", "auto", "Save", "Language saved.");
  await again.reload();
  await expect(again.locator("html")).toHaveAttribute("lang", "de");
  await expect(again.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();
  await second.close();
});

test("each language change is in the audit log as admin.language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signInFromSignInPage(page, ENGLISH);
  await chooseLanguage(page, "Language", "en", "Save", "Language saved.");
  await chooseLanguage(page, "Language", "auto", "Save", "Language saved.");
  await context.close();
  // The admin's own preference lives in the portal-wide log (no e2e admin may read it in the UI).
  const { db } = await import("@/lib/db");
  const entries = await db.auditEntry.findMany({
    where: { action: "admin.language", actorLabel: ACCOUNT.email, outcome: "success" },
    orderBy: { id: "desc" },
    take: 2,
  });
  expect(entries.map((e) => JSON.parse(e.after ?? "{}").locale)).toEqual(["auto", "en"]);
});
