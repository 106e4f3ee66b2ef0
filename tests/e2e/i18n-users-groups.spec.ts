// Users, groups and the CSV import in German and English: a browser that asks for German
// (Accept-Language de-DE) sees the pages, their empty states and an action's refusal in German;
// the same pages in an en-US browser stay English. The sign-in itself happens in an English
// context (its form is not part of this area), whose session the German context then reuses.
import { expect, test, type Browser, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD, signIn } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

/** A page in a context with `locale`, signed in as the seeded admin. */
async function signedInPage(browser: Browser, locale: string): Promise<Page> {
  const english = await browser.newContext({ locale: "en-US" });
  const signInPage = await english.newPage();
  await signIn(signInPage, E2E_ADMINS.admin.email, E2E_PASSWORD);
  const storageState = await english.storageState();
  await english.close();
  const context = await browser.newContext({ locale, storageState });
  return context.newPage();
}

test.describe("users, groups and import in German", () => {
  test.use({ locale: "de-DE" });

  test("the users list, a user's page and the empty search are German", async ({ browser }) => {
    const page = await signedInPage(browser, "de-DE");
    await page.goto("/users");
    await expect(page.getByRole("heading", { name: "Benutzer", exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/Benutzer/);
    await expect(page.getByRole("button", { name: "Zur Gruppe hinzufügen" })).toBeVisible();
    await expect(page.getByText("Alle Benutzer dieser Seite auswählen")).toBeVisible();

    await page.getByTestId("user-row").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Druckeinstellungen" })).toBeVisible();
    await expect(
      page
        .getByRole("navigation", { name: "Brotkrümelnavigation" })
        .getByRole("link", { name: "Benutzer", exact: true }),
    ).toBeVisible();

    await page.goto("/users?q=zzz-niemand");
    await expect(page.getByText("Keine passenden Benutzer")).toBeVisible();
    await expect(page.getByRole("link", { name: "Alle anzeigen" })).toBeVisible();
    await page.context().close();
  });

  test("groups: list, empty search, tabs, and a refused name answered in German", async ({ browser }) => {
    const page = await signedInPage(browser, "de-DE");
    await page.goto("/groups");
    await expect(page.getByRole("heading", { name: "Gruppen", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Neue Gruppe" })).toBeVisible();

    await page.goto("/groups?q=zzz-keine-gruppe");
    await expect(page.getByText("Keine passenden Gruppen")).toBeVisible();

    // An empty name: the action's validation message comes back in German.
    await page.goto("/groups/new");
    await expect(page.getByRole("heading", { name: "Neue Gruppe" })).toBeVisible();
    await page.getByRole("button", { name: "Gruppe erstellen" }).click();
    await expect(page.getByText("Geben Sie einen Gruppennamen ein.").first()).toBeVisible();

    // A name that is taken: the service's refusal in German.
    const name = `E2E Einkauf ${unique()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Gruppe erstellen" }).click();
    await expect(page.getByRole("status")).toContainText("Die Gruppe wurde erstellt.");
    await expect(page.getByRole("link", { name: "Mitglieder", exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Mitglieder", exact: true }).click();
    await expect(page.getByText("Noch keine Mitglieder")).toBeVisible();
    await page.goto("/groups/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Gruppe erstellen" }).click();
    await expect(
      page.getByText(`In ezeep gibt es bereits eine Gruppe namens „${name}“.`).first(),
    ).toBeVisible();
    await page.context().close();
  });

  test("the CSV import page is German", async ({ browser }) => {
    const page = await signedInPage(browser, "de-DE");
    await page.goto("/import");
    await expect(page.getByRole("heading", { name: "CSV-Import" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Vorlage herunterladen" })).toBeVisible();
    await expect(page.getByLabel("CSV-Datei")).toBeVisible();
    await page.context().close();
  });
});

test.describe("the same pages in English", () => {
  test.use({ locale: "en-US" });

  test("users, groups and import stay English for an en-US browser", async ({ browser }) => {
    const page = await signedInPage(browser, "en-US");
    await page.goto("/users?q=zzz-nobody");
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
    await expect(page.getByText("No users match")).toBeVisible();
    await page.goto("/groups");
    await expect(page.getByRole("heading", { name: "Groups", exact: true })).toBeVisible();
    await page.goto("/groups/new");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText("Enter a group name.").first()).toBeVisible();
    await page.goto("/import");
    await expect(page.getByRole("heading", { name: "Import from CSV" })).toBeVisible();
    await page.context().close();
  });
});
