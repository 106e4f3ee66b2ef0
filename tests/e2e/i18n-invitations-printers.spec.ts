// Invitations, printers, connectors and drivers in the browser's language: a German browser sees
// German headings, buttons, empty states and a translated result of an action; an English one the
// same pages in English. Sign-in fills the form by field type, so it works in either language.
import { expect, test, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 8);

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.locator('input[type="email"]').fill(E2E_ADMINS.admin.email);
  await page.locator('input[type="password"]').fill(E2E_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** Opens the first printer and the first connector from their lists; returns their paths. */
async function firstDetailPaths(page: Page): Promise<{ printer: string; connector: string }> {
  await page.goto("/printers");
  const printer = (await page
    .getByTestId("printer-row")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href"))!;
  await page.goto("/connectors");
  const connector = (await page
    .getByTestId("connector-row")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href"))!;
  return { printer, connector };
}

test.describe("German browser", () => {
  test.use({ locale: "de-DE" });

  test("sees invitations, printers, connectors and drivers in German", async ({ page }) => {
    await signInAsAdmin(page);

    await page.goto("/invitations");
    await expect(page.getByRole("heading", { name: "Einladungen", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Personen einladen" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Jetzt abgleichen" })).toBeVisible();
    await expect(page).toHaveTitle(/Einladungen/);
    await page.goto("/invitations?q=zzz-niemand");
    await expect(page.getByText("Keine passenden Einladungen")).toBeVisible();

    await page.goto("/invitations/new");
    await expect(page.getByRole("heading", { name: "Personen einladen" })).toBeVisible();
    await expect(page.getByLabel("E-Mail-Adressen")).toBeVisible();

    await page.goto("/printers");
    await expect(page.getByRole("heading", { name: "Drucker", exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Konnektor" })).toBeAttached();
    await page.goto("/printers?q=zzz-kein-drucker");
    await expect(page.getByText("Keine passenden Drucker")).toBeVisible();

    const paths = await firstDetailPaths(page);
    await expect(page.getByRole("heading", { name: "Konnektoren", exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "ezeep-Hub-Konfiguration" })).toBeVisible();
    await page.goto(paths.printer);
    await expect(page.getByRole("heading", { name: "Zugewiesene Gruppen" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Wer hier drucken kann" })).toBeVisible();
    await page.goto(paths.connector);
    await expect(page.getByRole("heading", { name: "Drucker hinter diesem Konnektor" })).toBeVisible();

    await page.goto("/drivers");
    await expect(page.getByRole("heading", { name: "Treiber", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Treiber anzeigen" })).toBeVisible();
  });

  test("gets the result of an invitation in German", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/invitations/new");
    const good = `e2e.de.${unique()}@newco.example`;
    await page.getByLabel("E-Mail-Adressen").fill(`${good}, kein-gueltiger-name`);
    await page.getByRole("button", { name: /Einladung(en)? senden/ }).click();
    // The results' heading is a live status region (role="status"), so it is found by its id.
    await expect(page.locator("#results-title")).toHaveText("1 von 2 Adressen eingeladen.");
    const results = page.getByTestId("invite-result");
    await expect(results.filter({ hasText: good })).toContainText("Gesendet");
    await expect(results.filter({ hasText: "kein-gueltiger-name" })).toContainText(
      "Keine gültige E-Mail-Adresse.",
    );
  });
});

test.describe("English browser", () => {
  test.use({ locale: "en-US" });

  test("sees the same pages in English", async ({ page }) => {
    await signInAsAdmin(page);

    await page.goto("/invitations");
    await expect(page.getByRole("heading", { name: "Invitations", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toBeVisible();
    await page.goto("/invitations/new");
    await expect(page.getByRole("heading", { name: "Invite people" })).toBeVisible();
    await page.goto("/printers?q=zzz-no-such-printer");
    await expect(page.getByText("No printers match")).toBeVisible();

    const paths = await firstDetailPaths(page);
    await expect(page.getByRole("heading", { name: "Connectors", exact: true })).toBeVisible();
    await page.goto(paths.printer);
    await expect(page.getByRole("heading", { name: "Assigned groups" })).toBeVisible();
    await page.goto(paths.connector);
    await expect(page.getByRole("heading", { name: "Printers behind this connector" })).toBeVisible();
    await page.goto("/drivers");
    await expect(page.getByRole("heading", { name: "Drivers", exact: true })).toBeVisible();
  });

  test("gets the result of an invitation in English", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/invitations/new");
    await page.getByLabel("Email addresses").fill("not-an-address");
    await page.getByRole("button", { name: /Send invitation/ }).click();
    await expect(page.locator("#results-title")).toHaveText("0 of 1 address invited.");
    await expect(page.getByTestId("invite-result")).toContainText("Not a valid email address.");
  });
});
