// What admins expect from a console, through the browser: sign-in returns to the page asked for,
// withdrawing an invitation, CSV exports with the current filters, global search (Ctrl-K),
// printers by status, bulk removal with undo and bulk resend from the users list, the import
// template, and the provisioning page without internal references. Screenshots: E2E_SHOTS=<dir>.
import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { E2E_ADMINS, E2E_PASSWORD, e2eEnv, ezeep, newEzeepUser, signInAs, submitSignIn } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

async function groupMembers(groupId: string): Promise<number> {
  const g = await ezeep<{ num_members: number }>("api", `/printing/v1/groups/${groupId}/`);
  return g.num_members;
}

async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  for (const [width, label] of [
    [1440, "1440"],
    [390, "390"],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${dir}/${name}-${label}-${scheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

async function invite(page: Page, email: string) {
  await page.goto("/invitations/new");
  await page.getByLabel("Email addresses").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("invite-result").filter({ hasText: email })).toBeVisible();
}

test.describe("console", () => {
  test("sign-in returns to the deep link that was asked for, and never off the portal", async ({ page }) => {
    await page.goto("/printers?status=offline");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprinters%3Fstatus%3Doffline$/);
    await submitSignIn(page, E2E_ADMINS.auditor.email, E2E_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/printers" && url.search === "?status=offline");
    await expect(page.getByRole("heading", { name: "Printers" })).toBeVisible();

    await page.context().clearCookies();
    await page.goto("/signin?callbackUrl=%2F%2Fevil.example%2F");
    await expect(page).toHaveURL(/\/signin$/);
  });

  test("an admin withdraws an invitation after a confirmation that says how", async ({ page }) => {
    const email = `e2e.withdraw.${unique()}@newco.example`;
    await signInAs(page, "admin");
    await invite(page, email);
    await page.goto(`/invitations?q=${encodeURIComponent(email)}`);
    await page.getByRole("button", { name: `Withdraw the invitation to ${email}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("deleting that user in ezeep");
    await shot(page, "invitation-withdraw");
    await dialog.getByRole("button", { name: "Withdraw invitation" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toContainText(
      /withdrawn|cancelled/i,
    );
    const users = await ezeep<{ results: { email: string }[] }>("account", "/v1/users/?per_page=500");
    expect(users.results.some((u) => u.email === email)).toBe(false);
  });

  test("printers filter by status and export the filtered list as CSV", async ({ page }) => {
    await signInAs(page, "helpdesk");
    await page.goto("/printers");
    await page.getByLabel("Status").selectOption("offline");
    await page.getByLabel("Sort by").selectOption("location");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/status=offline/);
    const rows = page.locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await expect(page.locator("tbody")).not.toContainText("Online");
    await shot(page, "printers-filtered");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export printers as CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^printers-.*\.csv$/);
    const text = readFileSync((await file.path())!, "utf8");
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("id,name,status,location,vendor,model,connector,groups,driver");
    expect(lines.length).toBe((await rows.count()) + 1);
    expect(lines.slice(1).every((l) => /,(off|offline),/i.test(l))).toBe(true);
  });

  test("users and groups lists export what they show", async ({ page }) => {
    await signInAs(page, "auditor");
    await page.goto("/groups?q=Engineering");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export groups as CSV/ }).click();
    const text = readFileSync((await (await download).path())!, "utf8");
    expect(text).toContain("Engineering");
    await page.goto("/users?status=invited");
    const users = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export users as CSV/ }).click();
    const csv = readFileSync((await (await users).path())!, "utf8")
      .replace(/^\uFEFF/, "")
      .trim();
    expect(
      csv
        .split("\r\n")
        .slice(1)
        .every((l) => l.includes(",invited,")),
    ).toBe(true);
  });

  test("global search opens with Ctrl-K, moves with the arrow keys and opens a group", async ({ page }) => {
    await signInAs(page, "auditor");
    await page.goto("/");
    const box = page.getByRole("combobox", { name: /Search users, groups/ });
    // The shortcut listens once the page is hydrated: a press before that is lost, so press again.
    await expect(async () => {
      await page.keyboard.press("Control+k");
      await expect(box).toBeFocused({ timeout: 1_000 });
    }).toPass();
    await box.fill("Engineering");
    const options = page.getByRole("listbox", { name: "Results" }).getByRole("option");
    await expect(options.first()).toBeVisible();
    await expect(page.getByRole("group", { name: "Groups" }).getByRole("option").first()).toContainText(
      "Engineering",
    );
    await shot(page, "global-search");
    // Walk down to the first group result, then open it.
    const all = await options.allInnerTexts();
    const target = all.findIndex((t) => t.startsWith("Engineering"));
    for (let i = 0; i < target; i++) await box.press("ArrowDown");
    await expect(options.nth(target)).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await page.waitForURL(/\/groups\/[^/]+$/);
    await expect(page.getByRole("heading", { name: "Engineering" }).first()).toBeVisible();

    await page.keyboard.press("Control+k");
    await expect(box).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(box).toBeHidden();
  });

  test("bulk remove from a group shows a result per person and Undo puts them back", async ({ page }) => {
    const tag = unique();
    await newEzeepUser("Rae", `Remove${tag}`);
    await newEzeepUser("Rex", `Remove${tag}`);
    const group = await ezeep<{ id: string; name: string }>("api", "/printing/v1/groups/", {
      method: "POST",
      body: { name: `E2E Undo ${tag}`, organization_id: e2eEnv().orgId },
    });
    await signInAs(page, "admin");
    await page.goto(`/users?q=Remove${tag}&refresh=1`);
    await expect(page.getByTestId("user-row")).toHaveCount(2);
    await page.getByLabel("Select every user on this page").check();
    await page.getByLabel("Group to add the selection to").selectOption({ label: group.name });
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Add to group" }).click();
    await expect(page.getByTestId("bulk-progress")).toContainText("2 added");
    expect(await groupMembers(group.id)).toBe(2);

    await page.getByLabel("Select every user on this page").check();
    await page.getByLabel("Group to add the selection to").selectOption({ label: group.name });
    await page.getByRole("button", { name: "Remove from group" }).click();
    await expect(page.getByTestId("user-bulk-results")).toContainText("2 done");
    await expect(page.getByTestId("user-bulk-row")).toHaveCount(2);
    const toast = page.getByTestId("undo-toast");
    await expect(toast).toContainText(`Removed 2 people from “${group.name}”`);
    await shot(page, "users-bulk-remove");
    expect(await groupMembers(group.id)).toBe(0);
    await toast.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByTestId("user-bulk-results")).toContainText("Undone");
    expect(await groupMembers(group.id)).toBe(2);
  });

  test("bulk resend from the users list resends the invitations of the selected invitees", async ({
    page,
  }) => {
    const email = `e2e.resend.${unique()}@newco.example`;
    await signInAs(page, "admin");
    await invite(page, email);
    await page.goto(`/users?q=${encodeURIComponent(email)}&refresh=1`);
    await expect(page.getByTestId("user-row")).toHaveCount(1);
    await page.getByLabel("Select every user on this page").check();
    await page.getByRole("button", { name: "Resend invitation" }).click();
    // Just sent: the resend cooldown refuses it, and says so for this person.
    await expect(page.getByTestId("user-bulk-row")).toContainText(email);
    await expect(page.getByTestId("user-bulk-row")).toContainText(/resend it in|Done/);
  });

  test("the import page offers a template that the importer accepts", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/import");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download template" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("import-template.csv");
    const text = readFileSync((await file.path())!, "utf8");
    expect(text.split("\r\n")[0]).toBe("group,description,email,name");
  });

  test("the provisioning flow is offered to a partner client and shows no API paths", async ({ page }) => {
    await signInAs(page, "owner");
    await page.goto("/organizations/provision");
    await expect(page.getByText("Create organization").first()).toBeVisible();
    await expect(page.getByTestId("no-partner-rights")).toHaveCount(0);
    const text = await page.locator("main").innerText();
    expect(text).not.toMatch(/§|\/partner\/v1|\/printing\/|ezeep-api/);
    await shot(page, "provision");
  });
});
