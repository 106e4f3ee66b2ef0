// The shell, Overview, Settings, Domain rules, search and sign-in in German for a browser that
// asks for German, and the same pages in English for an English browser. With SHOTS_DIR set,
// German screenshots are saved there (1440 and 390 px, light and dark).
import { expect, test, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD, signInAs } from "./fixtures";

const shotsDir = process.env.SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!shotsDir) return;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${shotsDir}/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The German sign-in form (fixtures' helper reads the English labels). */
async function signInGerman(page: Page, role: keyof typeof E2E_ADMINS) {
  await page.goto("/signin");
  await page.getByLabel("E-Mail").fill(E2E_ADMINS[role].email);
  await page.getByLabel("Passwort").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

test.describe("German browser", () => {
  test.use({ locale: "de-DE" });

  test("sign-in page and a refused sign-in speak German", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle(/Anmeldung/);
    await expect(page.getByRole("heading", { name: "Anmeldung beim ezeep Admin Portal" })).toBeVisible();
    await shoot(page, "de-signin");
    await page.getByLabel("E-Mail").fill(E2E_ADMINS.auditor.email);
    await page.getByLabel("Passwort").fill("not-the-password");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist falsch." }),
    ).toBeVisible();
  });

  test("overview, settings, domain rules and search are German; an action's refusal too", async ({
    page,
  }) => {
    await signInGerman(page, "admin");
    await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Zustand" })).toBeVisible();
    await shoot(page, "de-overview");

    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Ihre Sitzungen" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Zwei-Faktor-Anmeldung" })).toBeVisible();
    // Dates follow the language: "12.03.2026, 14:05".
    await expect(page.getByTestId("session-row").first()).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    await shoot(page, "de-settings");

    await page.goto("/domains");
    await expect(page.getByRole("heading", { name: "Domain-Regeln", level: 1 })).toBeVisible();
    await shoot(page, "de-domains");
    await page.goto("/domains/new");
    await expect(page.getByRole("heading", { name: "Neue Domain-Regel" })).toBeVisible();
    // A refused action answers in German (zod message translated on the server).
    await page.getByLabel("E-Mail-Domain").fill("not a domain");
    await page
      .getByRole("group", { name: /Hinzuzufügende Gruppen/ })
      .getByRole("checkbox")
      .first()
      .check();
    await page.getByRole("button", { name: "Vorschau" }).click();
    await expect(page.getByRole("alert").first()).toContainText(
      "Geben Sie eine E-Mail-Domain wie acme.example ein",
    );
    await shoot(page, "de-domains-new");

    await page.getByRole("button", { name: /Suchen/ }).click();
    await expect(page.getByRole("dialog")).toContainText("Geben Sie mindestens zwei Zeichen ein");
    await page.keyboard.press("Escape");

    await page.goto("/signout");
    await expect(page.getByRole("heading", { name: "Vom Portal abmelden?" })).toBeVisible();
  });

  test("an unknown page is German", async ({ page }) => {
    await signInGerman(page, "auditor");
    const response = await page.goto("/domains/does-not-exist");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Seite nicht gefunden" })).toBeVisible();
  });
});

test.describe("English browser", () => {
  test.use({ locale: "en-US" });

  test("the same pages are English", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Sign in to the ezeep Admin Portal" })).toBeVisible();
    await signInAs(page, "admin");
    await expect(page.getByRole("heading", { name: "Health" })).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
    await page.goto("/domains/new");
    await page.getByLabel("E-mail domain").fill("not a domain");
    await page
      .getByRole("group", { name: /Groups to add/ })
      .getByRole("checkbox")
      .first()
      .check();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("alert").first()).toContainText(
      "Enter an e-mail domain such as acme.example",
    );
  });
});
