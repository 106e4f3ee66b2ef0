// Domain rules through the browser: an admin previews a rule before saving it, saves it, then
// previews and applies it to existing users with a result per user; an auditor sees the rule
// read-only. With SHOTS_DIR set, screenshots of the pages are saved there (1440 and 390 px,
// light and dark).
import { expect, test, type Page } from "@playwright/test";

import { signInAs } from "./fixtures";

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

test("an admin previews, saves and applies a domain rule; an auditor sees it read-only", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/domains");
  await expect(page.getByRole("heading", { name: "Domain rules", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "New rule" }).first().click();

  await page.getByLabel("E-mail domain").fill("acme.example");
  const firstGroup = page
    .getByRole("group", { name: /Groups to add/ })
    .getByRole("checkbox")
    .first();
  await firstGroup.check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status").filter({ hasText: "existing user" })).toContainText("acme.example");
  await shoot(page, "domains-new");

  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByText("The rule was saved.")).toBeVisible();
  await page.getByRole("button", { name: "Preview existing users" }).click();
  const apply = page.getByRole("button", { name: /Apply to \d+ users?/ });
  await expect(apply).toBeVisible();
  await shoot(page, "domains-rule-preview");
  await apply.click();
  await expect(page.getByRole("list", { name: "Results" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Apply progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
  );
  await expect(page.getByRole("list", { name: "Results" }).getByText("Added").first()).toBeVisible();
  await shoot(page, "domains-rule-applied");

  await page.goto("/domains");
  await expect(page.getByRole("link", { name: "acme.example" }).first()).toBeVisible();
  await shoot(page, "domains-list");

  await page.context().clearCookies();
  await signInAs(page, "auditor");
  await page.goto("/domains");
  await expect(page.getByRole("link", { name: "New rule" })).toHaveCount(0);
  await page.getByRole("link", { name: "acme.example" }).first().click();
  await expect(page.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Preview existing users" })).toHaveCount(0);
  await shoot(page, "domains-rule-auditor");
});
