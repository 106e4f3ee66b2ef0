// Validation messages in the browser's language: an invalid form answered by the server shows its
// field error in German to a German browser and in English to an English one (the schemas' English
// texts translated through the validation catalogue, lib/i18n/validation.ts). Sign-in and the forms
// are driven by field ids and types, so the spec does not depend on the labels' language.
import { expect, test, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD } from "./fixtures";

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.locator('input[type="email"]').fill(E2E_ADMINS.admin.email);
  await page.locator('input[type="password"]').fill(E2E_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** Submits the new-group form with `name` and returns the form, which stays open on an error. */
async function submitNewGroup(page: Page, name: string) {
  await page.goto("/groups/new");
  const form = page.locator("form:has(#name)");
  await form.locator("#name").fill(name);
  await form.locator('button[type="submit"]').click();
  return form;
}

/** Submits the invitation form with `emails` (no valid address in it). */
async function submitInvitation(page: Page, emails: string) {
  await page.goto("/invitations/new");
  const form = page.locator("form:has(#emails)");
  await form.locator("#emails").fill(emails);
  await form.locator('button[type="submit"]').click();
  return form;
}

test.describe("German browser", () => {
  test.use({ locale: "de-DE" });

  test("sees the field errors of a group and an invitation in German", async ({ page }) => {
    await signInAsAdmin(page);

    let form = await submitNewGroup(page, "");
    await expect(form.getByText("Geben Sie einen Gruppennamen ein.").first()).toBeVisible();
    await expect(page).toHaveURL(/\/groups\/new$/);

    form = await submitNewGroup(page, "x".repeat(256));
    await expect(form.getByText("Verwenden Sie höchstens 255 Zeichen für den Namen.").first()).toBeVisible();

    form = await submitInvitation(page, " , ; ");
    await expect(form.getByText("Geben Sie mindestens eine E-Mail-Adresse ein.").first()).toBeVisible();
    await expect(form.getByText("Enter at least one email address.")).toHaveCount(0);
  });
});

test.describe("English browser", () => {
  test.use({ locale: "en-US" });

  test("sees the same field errors in English", async ({ page }) => {
    await signInAsAdmin(page);

    let form = await submitNewGroup(page, "");
    await expect(form.getByText("Enter a group name.").first()).toBeVisible();

    form = await submitNewGroup(page, "x".repeat(256));
    await expect(form.getByText("Use at most 255 characters for the name.").first()).toBeVisible();

    form = await submitInvitation(page, " , ; ");
    await expect(form.getByText("Enter at least one email address.").first()).toBeVisible();
  });
});
