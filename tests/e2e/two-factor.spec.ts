// Two-factor sign-in end to end (issue 11): an admin sets up an authenticator app in Settings,
// signs out, signs in with password + code; a wrong code is refused; a recovery code works once.
// The test plays the authenticator app (lib/mfa/totp.ts computes the codes from the shown key).
// SHOTS_DIR=/tmp/… also saves screenshots of the pages at 1440 and 390 px.
import "./server-only-hook";

import { expect, test, type Page } from "@playwright/test";

import { totpCode } from "@/lib/mfa/totp";

import { E2E_PASSWORD, e2eEnv, submitSignIn } from "./fixtures";

const EMAIL = "totp@e2e.test";
const NAME = "Tom Totp";

async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL((url) => url.pathname === "/signin");
}

/** Email + password, then the code step. */
async function signInWithCode(page: Page, code: string) {
  await submitSignIn(page, EMAIL, E2E_PASSWORD);
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test.describe("two-factor sign-in", () => {
  test.beforeAll(async () => {
    // A dedicated admin, so the other specs' admins keep signing in with a password only.
    const { createAdmin } = await import("@/lib/admins/service");
    await createAdmin({
      email: EMAIL,
      name: NAME,
      password: E2E_PASSWORD,
      roles: [{ organizationId: e2eEnv().portalOrgId, role: "admin" }],
    });
  });

  test("set up in Settings, then sign in with a code; a wrong code is refused; a recovery code works once", async ({
    page,
  }) => {
    test.setTimeout(180_000); // several sign-ins on a busy 2-core machine
    await submitSignIn(page, EMAIL, E2E_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/settings");
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const key = page.getByTestId("totp-secret");
    await expect(key).toBeVisible();
    await expect(page.getByTestId("totp-qr")).toBeVisible();
    await shot(page, "settings-two-factor-enrol");
    const secret = (await key.innerText()).replace(/\s+/g, "");

    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /not valid/ })).toBeVisible();
    await page.getByLabel("Code from the app").fill(totpCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    const codes = page.getByTestId("recovery-codes").locator("li");
    await expect(codes).toHaveCount(10);
    await shot(page, "settings-two-factor-recovery-codes");
    const recovery = await codes.nth(0).innerText();
    await page.getByRole("button", { name: "I have saved them" }).click();
    await expect(page.getByTestId("totp-status")).toContainText("10 of 10 recovery codes left");
    await shot(page, "settings-two-factor-on");
    await signOut(page);

    // Password alone is not enough any more; a wrong code is refused.
    await signInWithCode(page, "000000");
    await expect(page.getByRole("alert").filter({ hasText: /code is not valid/i })).toBeVisible();
    await shot(page, "signin-code-refused");
    // The enrolment used this step's code: the app's next one (a code works once).
    await page.getByLabel("Authentication code").fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByText(NAME).first()).toBeVisible();
    await signOut(page);

    await signInWithCode(page, recovery);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/settings");
    await expect(page.getByTestId("totp-status")).toContainText("9 of 10 recovery codes left");
    await signOut(page);

    await signInWithCode(page, recovery);
    await expect(page.getByRole("alert").filter({ hasText: /code is not valid/i })).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === "/signin");
  });
});
