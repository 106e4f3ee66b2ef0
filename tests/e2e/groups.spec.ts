// Groups through the browser: create, edit, delete, see the audit entries; validation; and an
// auditor who cannot change anything — checked by replaying a real server-action request.
import { expect, test, type Request } from "@playwright/test";

import { signInAs } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

test.describe("groups", () => {
  test("an admin creates, edits and deletes a group and sees each change in the audit log", async ({
    page,
  }) => {
    const name = `E2E Finance ${unique()}`;
    await signInAs(page, "admin");
    await page.getByRole("link", { name: "Groups" }).first().click();
    await expect(page.getByRole("heading", { name: "Groups" })).toBeVisible();

    await page.getByRole("link", { name: "New group" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Description").fill("Accounts payable");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("status")).toContainText("The group was created.");
    await expect(page.getByRole("heading", { name })).toBeVisible();

    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Name").fill(`${name} EU`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Your changes were saved.");
    await expect(page.getByRole("heading", { name: `${name} EU` })).toBeVisible();

    await page.getByRole("button", { name: `Delete ${name} EU` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Delete “${name} EU”?`);
    await dialog.getByRole("button", { name: "Delete group" }).click();
    await expect(page).toHaveURL(/\/groups\?notice=deleted/);
    await expect(page.getByRole("status")).toContainText(`Group “${name} EU” was deleted.`);

    await page.getByRole("link", { name: "Audit log" }).first().click();
    const entries = page.getByTestId("audit-entry").filter({ hasText: name });
    await expect(entries.filter({ hasText: "group.create" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "group.update" })).toContainText(
      `renamed from ${name} to ${name} EU`,
    );
    await expect(entries.filter({ hasText: "group.delete" })).toHaveCount(1);
    await expect(entries.first()).toContainText("Success");
  });

  test("an empty name is refused with a specific message", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/groups/new");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText("Enter a group name.").first()).toBeVisible();
    await expect(page).toHaveURL(/\/groups\/new$/);
  });

  test("search narrows the list on the server", async ({ page }) => {
    await signInAs(page, "auditor");
    await page.goto("/groups?q=zzz-no-such-group");
    await expect(page.getByText("No groups match")).toBeVisible();
  });

  test("an auditor sees groups but cannot change them, even by calling the server action directly", async ({
    browser,
  }) => {
    // 1. Record a genuine "create group" server-action request made by an admin.
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signInAs(adminPage, "admin");
    await adminPage.goto("/groups/new");
    let recorded: Request | undefined;
    adminPage.on("request", (req) => {
      if (req.method() === "POST" && req.headers()["next-action"]) recorded ??= req;
    });
    const adminName = `E2E Recorded ${unique()}`;
    await adminPage.getByLabel("Name").fill(adminName);
    await adminPage.getByRole("button", { name: "Create group" }).click();
    await expect(adminPage.getByRole("status")).toContainText("The group was created.");
    expect(recorded, "the form submits through a server action").toBeTruthy();
    await adminContext.close();

    // 2. The auditor sees the groups page without any way to change it.
    const auditorContext = await browser.newContext();
    const page = await auditorContext.newPage();
    await signInAs(page, "auditor");
    await page.goto("/groups");
    await expect(page.getByRole("heading", { name: "Groups" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New group" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
    await page.goto("/groups/new");
    await expect(page.getByText("Not available for your role")).toBeVisible();

    // 3. Replay the admin's request with the auditor's session cookie and a new group name.
    const auditorName = `E2E Auditor ${unique()}`;
    const headers = recorded!.headers();
    const response = await page.request.post(recorded!.url(), {
      headers: {
        "next-action": headers["next-action"],
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        ...(headers["next-router-state-tree"]
          ? { "next-router-state-tree": headers["next-router-state-tree"] }
          : {}),
      },
      data: recorded!.postData()!.replace(adminName, auditorName),
    });
    const body = await response.text();
    expect(body).toContain("Your role does not allow this action.");
    expect(body).not.toContain('"ok":true');

    // Nothing was created, and the refused attempt is in the audit log.
    await page.goto(`/groups?q=${encodeURIComponent(auditorName)}`);
    await expect(page.getByText("No groups match")).toBeVisible();
    await page.goto("/audit?outcome=failure");
    const refused = page
      .getByTestId("audit-entry")
      .filter({ hasText: "auditor@e2e.test" })
      .filter({ hasText: "group.create" })
      .first();
    await expect(refused).toContainText("permission denied");
    await expect(refused).toContainText("Failed");
    await auditorContext.close();
  });
});
