// Organizations and provisioning through the browser: an owner creates an API token in Settings
// and an external system provisions groups with it (POST /v1/groups/users); connecting the
// organization with an ezeep sign-in (authorization code + PKCE) and disconnecting it again.
import { expect, test } from "@playwright/test";

import { e2eEnv, signInAs } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

test.describe("API tokens and the NDD-compatible API", () => {
  test("an owner creates a token, an external system provisions a group with it, the owner revokes it", async ({
    page,
    request,
  }) => {
    const tokenName = `Orbix ${unique()}`;
    const groupName = `NDD Finance ${unique()}`;
    await signInAs(page, "owner");
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
    await page.getByLabel("New token name").fill(tokenName);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Token “${tokenName}” was created. Copy it now` }),
    ).toBeVisible();
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^ezp_/);

    // NDD requests must name a Client registered for the organization (Settings → NDD Orbix).
    const clients = page.getByRole("list", { name: "Registered Clients" });
    if (
      !(await clients
        .getByText("ABC", { exact: true })
        .isVisible()
        .catch(() => false))
    ) {
      await page.getByLabel("Add a Client name").fill("ABC");
      await page.getByRole("button", { name: "Add Client" }).click();
      await expect(page.getByRole("list", { name: "Registered Clients" })).toContainText("ABC");
    }

    const tenant = e2eEnv().orgName || "Acme Corp";
    const call = (groupings: unknown) =>
      request.post("/v1/groups/users", {
        headers: { Tenant: tenant, Authorization: `Bearer ${token}` },
        data: { Client: "ABC", Groups: groupings },
      });
    const res = await call([
      {
        GroupName: groupName,
        GroupDescription: "From NDD",
        Users: [
          {
            Logon: "carlos.silva",
            Domain: "NDD",
            Name: "Carlos Silva",
            Email: `carlos.${unique()}@ndd.example`,
          },
        ],
      },
    ]);
    expect(res.status()).toBe(201);
    expect(await res.json()).toEqual([]);

    await page.goto(`/groups?q=${encodeURIComponent(groupName)}`);
    await expect(page.getByRole("link", { name: groupName, exact: true })).toBeVisible();
    await page.goto("/audit");
    await expect(
      page.getByTestId("audit-entry").filter({ hasText: "ndd.groups_users" }).first(),
    ).toContainText(tokenName);

    await page.goto("/settings");
    const row = page.getByTestId("api-token").filter({ hasText: tokenName });
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: `Revoke ${tokenName}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(row).toContainText("Revoked");
    expect((await call([{ GroupName: `${groupName} 2`, Users: [] }])).status()).toBe(401);
  });

  test("an admin sees the tokens but cannot create or revoke them", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/settings");
    await expect(page.getByText("Only owners create and revoke tokens.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
  });
});

test.describe("connecting by authorization code", () => {
  test("an owner connects the organization with an ezeep sign-in and disconnects it again", async ({
    page,
    baseURL,
  }) => {
    // The registered redirect URI is http://localhost:3000/code; in this run the portal listens on
    // another port, so send that redirect to the portal under test (as a proxy would).
    await page.route("http://localhost:3000/code**", async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ status: 302, headers: { location: `${baseURL}/code${url.search}` } });
    });
    await signInAs(page, "owner");
    await page.goto("/organizations");
    await expect(page.getByText("Current organization", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Connect with ezeep" }).click();
    await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
    expect(page.url()).toContain("code_challenge_method=S256");
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(/\/organizations\?notice=connected/);
    await expect(
      page.getByRole("status").filter({ hasText: "is now connected with your ezeep sign-in" }),
    ).toBeVisible();
    await expect(page.getByText("ezeep sign-in").first()).toBeVisible();

    // ezeep calls now use the stored, rotating refresh token
    await page.goto("/groups");
    await expect(page.getByRole("heading", { name: "Groups" })).toBeVisible();
    await expect(page.getByText("could not be loaded")).toHaveCount(0);

    await page.goto("/organizations");
    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await page.waitForURL(/notice=disconnected/);
    await expect(
      page.getByRole("status").filter({ hasText: "its stored ezeep sign-in was revoked and deleted" }),
    ).toBeVisible();
    await expect(page.getByText("API client").first()).toBeVisible();
  });

  test("a forged answer is refused with an explanation", async ({ page }) => {
    await signInAs(page, "owner");
    await page.goto("/code?code=forged&state=forged");
    await expect(page).toHaveURL(/\/organizations\?error=/);
    await expect(page.getByRole("alert").filter({ hasText: "Connecting did not work" })).toContainText(
      "Start again",
    );
  });
});

test.describe("partner organizations", () => {
  test("an owner creates an organization and deletes it after typing its name", async ({ page }) => {
    const name = `E2E Partner ${unique()}`;
    await signInAs(page, "owner");
    await page.goto("/organizations");
    await page.getByText("New organization", { exact: true }).click();
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.locator("#org-name-error")).toHaveText("Enter the organization's name.");
    await page.getByLabel("Organization name").fill(name);
    await page.getByLabel("First admin’s email").fill(`first.admin.${unique()}@partner.example`);
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Admin");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `“${name}” was created in ezeep` }),
    ).toBeVisible();
    const row = page.getByTestId("partner-organization").filter({ hasText: name });
    await expect(row).toContainText("In portal · Owner");

    await row.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete organization" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(name.toLowerCase());
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(name);
    await confirm.click();
    await expect(page.getByRole("status").filter({ hasText: `“${name}” was deleted.` })).toBeVisible();
    await expect(page.getByTestId("partner-organization").filter({ hasText: name })).toHaveCount(0);
  });
});

test.describe("provisioning sequence", () => {
  test("an owner creates an organization, activates Azure, imports Azure groups and deletes it, step by step", async ({
    page,
  }) => {
    const name = `E2E Azure ${unique()}`;
    await signInAs(page, "owner");
    await page.goto("/organizations");
    await page.getByRole("link", { name: "New organization with Azure AD" }).click();
    await expect(page.getByText("Assumed steps.")).toBeVisible();
    await expect(page.getByTestId("step-create")).toHaveAttribute("data-status", "current");
    await expect(page.getByTestId("step-activate")).toHaveAttribute("data-status", "todo");

    await page.getByLabel("Organization name").fill(name);
    await page.getByLabel("First admin’s email").fill(`azure.admin.${unique()}@partner.example`);
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Admin");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByTestId("step-create")).toHaveAttribute("data-status", "done");

    await page.getByRole("button", { name: "Activate Azure connection" }).click();
    await expect(page.getByTestId("step-activate")).toHaveAttribute("data-status", "done");

    await page.getByLabel(/Azure AD groups, one per line/).fill("Sales; aad-sales\nSupport");
    await page.getByRole("button", { name: "Import Azure groups" }).click();
    await expect(page.getByTestId("step-import")).toHaveAttribute("data-status", "done");
    const list = page.getByRole("list", { name: "Azure AD groups in ezeep" });
    await expect(list).toContainText("Sales");
    await expect(list).toContainText("aad-sales");
    await expect(list).toContainText("Support");

    const del = page.getByTestId("step-delete");
    await expect(del.getByRole("button", { name: "Delete organization" })).toBeDisabled();
    await del.getByLabel(/to confirm/).fill(name);
    await del.getByRole("button", { name: "Delete organization" }).click();
    await expect(del).toHaveAttribute("data-status", "done");
    await expect(del).toContainText("was deleted in ezeep");
  });

  test("a failing step says what went wrong and what to do", async ({ page }) => {
    await signInAs(page, "owner");
    await page.goto("/organizations/provision");
    await page.getByLabel("Organization name").fill(`E2E Fail ${unique()}`);
    await page.getByLabel("First admin’s email").fill(`fail.${unique()}@partner.example`);
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Admin");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByTestId("step-create")).toHaveAttribute("data-status", "done");
    await page.getByRole("button", { name: "Activate Azure connection" }).click();
    await expect(page.getByTestId("step-activate")).toHaveAttribute("data-status", "done");
    await page.getByLabel(/Azure AD groups, one per line/).fill("   ");
    await page.getByRole("button", { name: "Import Azure groups" }).click();
    const step = page.getByTestId("step-import");
    await expect(step).toHaveAttribute("data-status", "failed");
    await expect(step).toContainText("Enter at least one Azure AD group.");
    await expect(step).toContainText("What to do:");
  });
});

test.describe("CSV import", () => {
  test("an admin previews a file, applies it with a progress bar and downloads the report", async ({
    page,
  }) => {
    const tag = unique();
    const csv = [
      "group,description,email,name",
      `CSV Team ${tag},Imported,csv.one.${tag}@import.example,One`,
      `CSV Team ${tag},,csv.two.${tag}@import.example,Two`,
      `,,csv.nogroup.${tag}@import.example,`,
      `CSV Team ${tag},,not-an-email,`,
    ].join("\n");
    await signInAs(page, "admin");
    await page.goto("/import");
    await expect(page.getByRole("heading", { name: "Import from CSV" })).toBeVisible();
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByRole("heading", { name: "Preview of team.csv" })).toBeVisible();
    const counts = page.getByTestId("import-counts");
    await expect(counts).toContainText("Groups to create1");
    await expect(counts).toContainText("To invite2");
    await expect(counts).toContainText("Invalid rows2");
    await expect(page.getByTestId("invalid-rows")).toContainText("Line 4: The group is missing.");
    await expect(page.getByTestId("invalid-rows")).toContainText(
      "Line 5: “not-an-email” is not an email address.",
    );

    // nothing was applied before confirming
    await page.goto(`/groups?q=${encodeURIComponent(`CSV Team ${tag}`)}`);
    await expect(page.getByText("No groups match")).toBeVisible();
    await page.goto("/import");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Apply 2 rows" }).click();
    await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
      "aria-valuenow",
      "100",
    );
    await expect(page.getByRole("status").filter({ hasText: "Done:" })).toContainText(
      "Done: 2 rows applied.",
    );
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download report" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("import-report-team.csv");
    const text = await (
      await file.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(text).toContain(`csv.one.${tag}@import.example,Invited`);
    expect(text).toContain("Invalid row,The group is missing.");

    await page.goto(`/groups?q=${encodeURIComponent(`CSV Team ${tag}`)}`);
    await expect(page.getByRole("link", { name: `CSV Team ${tag}`, exact: true })).toBeVisible();
  });
});
