// Smoke test of sign-in / sign-out against a real `next start` and the simulator.
import { expect, test } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD, signIn, submitSignIn } from "./fixtures";

test.describe("authentication", () => {
  test("a signed-out visit to /groups redirects to /signin", async ({ page }) => {
    await page.goto("/groups");
    await expect(page).toHaveURL((url) => url.pathname === "/signin");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows an error and stays signed out", async ({ page }) => {
    await submitSignIn(page, E2E_ADMINS.owner.email, "not-the-password-1");
    // (Next.js has its own, empty role="alert" route announcer: pick ours by its text.)
    await expect(page.getByRole("alert").filter({ hasText: /wrong email or password/i })).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === "/signin");
    await page.goto("/groups");
    await expect(page).toHaveURL((url) => url.pathname === "/signin");
  });

  test("the owner signs in, sees their name, and signs out again", async ({ page }) => {
    await signIn(page, E2E_ADMINS.owner.email, E2E_PASSWORD);
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByText(E2E_ADMINS.owner.name).first()).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/signin");
    await page.goto("/groups");
    await expect(page).toHaveURL((url) => url.pathname === "/signin");
  });
});
