// The audit log through the browser: filters kept in the URL, the entry detail with its diff,
// CSV/JSON export (itself audited) and the integrity check — as an auditor (read-only role).
import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { signInAs } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

async function createAndRenameGroup(page: Page, name: string) {
  await signInAs(page, "admin");
  await page.goto("/groups/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Before the rename");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("status")).toContainText("The group was created.");
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Name").fill(`${name} EU`);
  await page.getByLabel("Description").fill("After the rename");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Your changes were saved.");
}

test.describe("audit log", () => {
  test("an auditor filters the log, shares the view by URL and reads an entry's before/after diff", async ({
    browser,
  }) => {
    const name = `E2E Audit ${unique()}`;
    const adminContext = await browser.newContext();
    await createAndRenameGroup(await adminContext.newPage(), name);
    await adminContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, "auditor");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByTestId("activity-chart")).toBeVisible();

    await page.getByRole("searchbox", { name: "Search" }).fill(name);
    await page.getByLabel("Action").selectOption("group.update");
    await page.getByLabel("Outcome").selectOption("success");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=E2E\+Audit/);
    await expect(page).toHaveURL(/action=group\.update/);
    await expect(page).toHaveURL(/outcome=success/);
    const entries = page.getByTestId("audit-entry");
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText(`renamed from ${name} to ${name} EU`);

    // The same URL in a fresh tab shows the same view.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await expect(other.getByTestId("audit-entry")).toHaveCount(1);
    await expect(other.getByLabel("Action")).toHaveValue("group.update");
    await other.close();

    await entries.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/audit\/\d+$/);
    await expect(page.getByRole("heading", { name: new RegExp(`Group changed · ${name}`) })).toBeVisible();
    await expect(page.getByText("admin@e2e.test").first()).toBeVisible();
    await expect(page.getByText("ezeep accepted the change.")).toBeVisible();
    await expect(page.getByTestId("entry-integrity")).toHaveText("Content matches its hash.");
    const diff = page.getByTestId("entry-diff");
    await expect(diff.locator('[data-testid="diff-row"][data-kind="changed"]')).toHaveCount(2);
    const nameRow = diff.getByTestId("diff-row").filter({ hasText: /^name/ });
    await expect(nameRow).toContainText(name);
    await expect(nameRow).toContainText(`${name} EU`);
    await expect(diff.getByTestId("diff-row").filter({ hasText: "description" })).toContainText(
      "After the rename",
    );
    // An auditor can read everything, and there is nothing to edit or delete.
    await expect(page.getByRole("button", { name: /delete|edit/i })).toHaveCount(0);
    await context.close();
  });

  test("exports the filtered entries as CSV and JSON, and the export is itself audited", async ({ page }) => {
    const name = `E2E Export ${unique()}`;
    await createAndRenameGroup(page, name);
    await page.goto(`/audit?q=${encodeURIComponent(name)}`);
    await expect(page.getByTestId("audit-entry")).toHaveCount(2);

    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
    const csv = readFileSync((await csvDownload.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("id,at,organizationId,actorType");
    expect(lines).toHaveLength(3);
    expect(csv).toContain("group.create");
    expect(csv).toContain(`${name} EU`);

    const [jsonDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export JSON" }).click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toMatch(/\.json$/);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, "utf8")) as {
      action: string;
      after: { name: string };
    }[];
    expect(json.map((e) => e.action).sort()).toEqual(["group.create", "group.update"]);

    await page.goto("/audit?action=audit.export");
    const exports = page.getByTestId("audit-entry");
    await expect(exports.first()).toContainText("admin@e2e.test");
    await expect(exports.first()).toContainText("JSON export");
    await expect(exports.filter({ hasText: "CSV export" }).first()).toBeVisible();

    // The export checks the session itself.
    const anonymous = await page.context().browser()!.newContext();
    const response = await anonymous.request.get(
      new URL("/api/audit/export?format=csv", page.url()).toString(),
      { maxRedirects: 0 },
    );
    expect(response.status()).toBe(401);
    await anonymous.close();
  });

  test("the Verify button reports the chain intact", async ({ page }) => {
    await signInAs(page, "auditor");
    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify integrity" }).click();
    await expect(page.getByTestId("verify-result")).toContainText("Intact.");
    await expect(page.getByTestId("verify-result")).toContainText(/\d+ entries verified/);
  });
});
