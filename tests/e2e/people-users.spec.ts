// People through the browser: memberships added and removed from the user's side and from the
// group's side (picker with progress), bulk add from the users list, deleting a user after a
// confirmation that names what is lost, and roles that may not do it.
import { expect, test, type Page } from "@playwright/test";

import { e2eEnv, ezeep, newEzeepUser, signInAs } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

async function newGroup(name: string): Promise<{ id: string; name: string }> {
  return ezeep("api", "/printing/v1/groups/", {
    method: "POST",
    body: { name, organization_id: e2eEnv().orgId },
  });
}

async function groupsOf(userId: string): Promise<string[]> {
  const u = await ezeep<{ groups: { group_id: string }[] }>("api", `/printing/v1/users/${userId}/`);
  return u.groups.map((g) => g.group_id);
}

async function openAuditFor(page: Page, text: string) {
  await page.goto("/audit");
  return page.getByTestId("audit-entry").filter({ hasText: text });
}

test.describe("people: users and memberships", () => {
  test("an admin adds a user to a group from the user's page and removes them from the group's Members tab", async ({
    page,
  }) => {
    const user = await newEzeepUser("Mira", `Moss${unique()}`);
    const group = await newGroup(`E2E Team ${unique()}`);
    await signInAs(page, "admin");

    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole("heading", { name: user.name })).toBeVisible();
    await page.getByRole("button", { name: "Add to groups" }).click();
    const picker = page.getByTestId("add-to-groups");
    await picker.getByPlaceholder("Filter groups").fill(group.name);
    await picker.getByLabel(group.name).check();
    await picker.getByRole("button", { name: "Add to group" }).click();
    await expect(page.getByTestId("user-groups").getByRole("link", { name: group.name })).toBeVisible();
    expect(await groupsOf(user.id)).toContain(group.id);

    // The other side: the group's Members tab lists the user; remove them there.
    await page.getByTestId("user-groups").getByRole("link", { name: group.name }).click();
    await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/members`));
    await expect(page.getByRole("link", { name: "Members", exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    const row = page.getByTestId("member-row").filter({ hasText: user.email });
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: `Remove ${user.name} from ${group.name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Remove from “${group.name}”?`);
    await expect(dialog).toContainText(user.name);
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("No members yet")).toBeVisible();
    expect(await groupsOf(user.id)).not.toContain(group.id);

    const entries = await openAuditFor(page, user.email);
    // One action for both changes, told apart by their sentences.
    await expect(entries.filter({ hasText: `added to ${group.name}` })).toContainText("membership.update");
    await expect(entries.filter({ hasText: `removed from ${group.name}` })).toHaveCount(1);
  });

  test("an admin adds several people from the group's Members tab with progress, then removes one from the user's page", async ({
    page,
  }) => {
    const tag = unique();
    const a = await newEzeepUser("Pia", `Picker${tag}`);
    const b = await newEzeepUser("Paul", `Picker${tag}`);
    const group = await newGroup(`E2E Picked ${tag}`);
    await signInAs(page, "admin");
    const picker = page.getByTestId("member-picker");
    // The index learns about users created outside the portal after a refresh.
    await page.goto(`/users?q=${tag}&refresh=1`);
    await expect(page.getByTestId("user-row")).toHaveCount(2);
    await page.goto(`/groups/${group.id}/members`);
    await page.getByRole("button", { name: "Add members" }).click();
    await picker.getByPlaceholder("Search people by name or email").fill(`Picker${tag}`);
    await picker.getByRole("checkbox", { name: new RegExp(a.email.replace(/\./g, "\\.")) }).check();
    await picker.getByRole("checkbox", { name: new RegExp(b.email.replace(/\./g, "\\.")) }).check();
    await picker.getByRole("button", { name: "Add 2 people" }).click();
    const progress = page.getByTestId("bulk-progress");
    await expect(progress).toContainText("2 of 2 processed · 2 added");
    await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "2");
    await expect(progress.getByTestId("bulk-row").filter({ hasText: a.email })).toContainText("Added");
    await expect(page.getByTestId("member-row")).toHaveCount(2);

    await page
      .getByTestId("member-row")
      .filter({ hasText: a.email })
      .getByRole("link", { name: a.name })
      .click();
    await expect(page.getByRole("heading", { name: a.name })).toBeVisible();
    await page.getByRole("button", { name: `Remove from ${group.name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("In no group yet, so no printers are assigned.")).toBeVisible();
    expect(await groupsOf(a.id)).toEqual([]);
    expect(await groupsOf(b.id)).toEqual([group.id]);
  });

  test("an admin adds a selection from the users list to a group, with a result per person", async ({
    page,
  }) => {
    const tag = unique();
    await newEzeepUser("Bea", `Bulk${tag}`);
    await newEzeepUser("Ben", `Bulk${tag}`);
    await newEzeepUser("Bo", `Bulk${tag}`);
    const group = await newGroup(`E2E Bulk ${tag}`);
    await signInAs(page, "admin");
    await page.goto(`/users?q=Bulk${tag}&refresh=1`);
    await expect(page.getByTestId("user-row")).toHaveCount(3);
    await page.getByLabel("Select every user on this page").check();
    await expect(page.getByTestId("bulk-bar")).toContainText("3 selected");
    await page.getByLabel("Group to add the selection to").selectOption({ label: group.name });
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Add to group" }).click();
    await expect(page.getByTestId("bulk-progress")).toContainText(
      "3 of 3 processed · 3 added · 0 already members · 0 failed",
    );
    await page.goto(`/users?q=Bulk${tag}&group=${group.id}`);
    await expect(page.getByTestId("user-row")).toHaveCount(3);
  });

  test("an admin deletes a user after a confirmation that names the account, groups and printers lost", async ({
    page,
  }) => {
    const user = await newEzeepUser("Dora", `Delete${unique()}`);
    // A group that has printers (the demo's Engineering group) plus a fresh one.
    const groups = await ezeep<{ results: { id: string; name: string; num_printers: number }[] }>(
      "api",
      "/printing/v1/groups/?limit=100",
    );
    const withPrinters = groups.results.find((g) => g.num_printers > 0)!;
    const fresh = await newGroup(`E2E Doomed ${unique()}`);
    await ezeep("api", `/printing/v1/users/${user.id}/`, {
      method: "PATCH",
      body: { groups: [{ group_id: withPrinters.id }, { group_id: fresh.id }] },
    });

    await signInAs(page, "admin");
    await page.goto(`/users/${user.id}`);
    await expect(page.getByTestId("effective-printers")).toBeVisible();
    await page.getByRole("button", { name: `Delete ${user.name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Delete ${user.name}?`);
    const impact = dialog.getByTestId("delete-impact");
    await expect(impact).toContainText(user.email);
    await expect(impact).toContainText("2 group memberships");
    await expect(impact).toContainText(withPrinters.name);
    await expect(impact).toContainText(fresh.name);
    await expect(impact).toContainText(/access to \d+ printers?/);
    await dialog.getByRole("button", { name: "Delete user" }).click();
    await expect(page).toHaveURL(/\/users\?notice=deleted/);
    await expect(page.getByRole("status").first()).toContainText(
      `${user.email} was deleted from the organization.`,
    );
    await page.goto(`/users?q=${encodeURIComponent(user.email)}`);
    await expect(page.getByText("No users match")).toBeVisible();
    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    const entries = await openAuditFor(page, user.email);
    await expect(entries.filter({ hasText: "user.delete" })).toContainText("Success");
  });

  test("an admin edits a name and role; an empty name is refused with a specific message", async ({
    page,
  }) => {
    const user = await newEzeepUser("Erin", `Edit${unique()}`);
    await signInAs(page, "admin");
    await page.goto(`/users/${user.id}/edit`);
    await page.getByLabel("First name").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Enter a first name.").first()).toBeVisible();
    await page.getByLabel("First name").fill("Erina");
    await page.getByLabel(/^Admin/).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").first()).toContainText("Your changes were saved.");
    await expect(page.getByRole("heading", { name: /^Erina / })).toBeVisible();
    await page.getByRole("switch", { name: "Local printing" }).click();
    await expect(page.getByRole("switch", { name: "Local printing" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
  });

  test("helpdesk and auditors cannot delete users or change memberships, and the server refuses a replayed delete", async ({
    browser,
  }) => {
    const user = await newEzeepUser("Hugo", `Guard${unique()}`);
    // Record a genuine delete request by an owner … on a throwaway user.
    const decoy = await newEzeepUser("Dee", `Decoy${unique()}`);
    const ownerContext = await browser.newContext();
    const ownerPage = await ownerContext.newPage();
    await signInAs(ownerPage, "owner");
    await ownerPage.goto(`/users/${decoy.id}`);
    let recorded: import("@playwright/test").Request | undefined;
    ownerPage.on("request", (req) => {
      if (req.method() === "POST" && req.headers()["next-action"]) recorded ??= req;
    });
    await ownerPage.getByRole("button", { name: `Delete ${decoy.name}` }).click();
    await ownerPage.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
    await expect(ownerPage).toHaveURL(/notice=deleted/);
    await ownerContext.close();
    expect(recorded).toBeTruthy();

    for (const role of ["helpdesk", "auditor"] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, role);
      await page.goto(`/users/${user.id}`);
      await expect(page.getByRole("heading", { name: user.name })).toBeVisible();
      await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Add to groups" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
      const headers = recorded!.headers();
      const response = await page.request.post(recorded!.url(), {
        headers: {
          "next-action": headers["next-action"],
          "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        data: recorded!.postData()!.replace(decoy.id, user.id),
      });
      expect(await response.text()).toContain("Your role does not allow this action.");
      await context.close();
    }
    expect((await ezeep<{ id: string }>("account", `/v1/users/${user.id}/`)).id).toBe(user.id);
  });
});
