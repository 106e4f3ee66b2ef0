// Organizations, provisioning, NDD and the audit log in German (a de-DE browser) and English
// (en-US): headings, buttons, empty states and the messages of actions.
import { expect, test, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7).toUpperCase();

/** Signs in by field ids, so it works whatever language the sign-in page speaks. */
async function signInAsOwner(page: Page) {
  await page.goto("/signin");
  await page.locator("#email").fill(E2E_ADMINS.owner.email);
  await page.locator("#password").fill(E2E_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
}

test.describe("in German", () => {
  test.use({ locale: "de-DE" });

  test("NDD settings, the audit log, an entry and the integrity check speak German", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Client-Namen" })).toBeVisible();
    const client = `DE${unique()}`;
    await page.getByLabel("Client-Namen hinzufügen").fill(client);
    await page.getByRole("button", { name: "Client hinzufügen" }).click();
    await expect(page.getByRole("list", { name: "Registrierte Clients" })).toContainText(client);
    await expect(page.getByText(`Client ${client} hinzugefügt.`)).toBeVisible();
    // The same name again: the action's error comes back in German.
    await page.getByLabel("Client-Namen hinzufügen").fill(client);
    await page.getByRole("button", { name: "Client hinzufügen" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: `Der Client „${client}“ ist bereits registriert.` }),
    ).toBeVisible();

    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit-Protokoll" })).toBeVisible();
    await expect(page).toHaveTitle(/Audit-Protokoll/);
    await expect(page.getByLabel("Akteur")).toBeVisible();
    await expect(page.getByRole("link", { name: "CSV exportieren" })).toBeVisible();
    // The newest entries: the refused second add, then the first one, in German around the name.
    const entries = page.getByTestId("audit-entry");
    await expect(entries.first()).toContainText("NDD-Client hinzugefügt");
    await expect(entries.first()).toContainText("Nicht ausgeführt");

    await page.getByRole("button", { name: "Integrität prüfen" }).click();
    await expect(page.getByTestId("verify-result")).toContainText("Intakt.");
    await expect(page.getByTestId("verify-result")).toContainText(/geprüft/);

    await entries.nth(1).getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "Manipulationsschutz" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Vorher und nachher" })).toBeVisible();
  });

  test("organizations and provisioning speak German, and so does a failed connection", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto("/organizations?error=denied");
    await expect(page.getByRole("heading", { level: 1, name: "Organisationen" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Ihre Organisationen" })).toBeVisible();
    await expect(
      page.getByText("Das Verbinden hat nicht funktioniert: Die Verbindung wurde in ezeep nicht erlaubt."),
    ).toBeVisible();

    await page.goto("/organizations/provision");
    await expect(
      page.getByRole("heading", { level: 1, name: "Neue Organisation mit Azure AD" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Organisation erstellen" })).toBeVisible();
    await expect(page.getByLabel("Name der Organisation")).toBeVisible();
  });

  test("the NDD page speaks German", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto("/ndd");
    await expect(page.getByRole("heading", { level: 1, name: "NDD" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Suchen", exact: true })).toBeVisible();
    await expect(page.getByPlaceholder("Logon, Name, E-Mail oder Client suchen")).toBeVisible();
  });
});

test.describe("in English", () => {
  test.use({ locale: "en-US" });

  test("the same pages speak English", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await page.getByRole("button", { name: "Verify integrity" }).click();
    await expect(page.getByTestId("verify-result")).toContainText("Intact.");

    await page.goto("/organizations?error=denied");
    await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
    await expect(
      page.getByText("Connecting did not work: The connection was not allowed in ezeep."),
    ).toBeVisible();

    await page.goto("/organizations/provision");
    await expect(
      page.getByRole("heading", { level: 1, name: "New organization with Azure AD" }),
    ).toBeVisible();

    await page.goto("/ndd");
    await expect(page.getByRole("heading", { level: 1, name: "NDD" })).toBeVisible();
    await expect(page.getByPlaceholder("Search Domain//Logon, name, e-mail or Client")).toBeVisible();
  });
});
