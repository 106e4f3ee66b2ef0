// Invitations through the browser: invite several addresses with groups (each address reported),
// the invitee accepts (simulator hook), "Sync now" → accepted and added to the intended groups;
// the background follow-up does the same without anyone clicking; helpdesk and auditor limits.
import { expect, test, type Page } from "@playwright/test";

import { ezeep, signInAs, simControl } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 8);

async function ezeepInvitationId(email: string): Promise<string> {
  for (let page = 1; ; page++) {
    const body = await ezeep<{ results: { id: string; email: string }[]; next: string | null }>(
      "account",
      `/v1/userinvitations/?page=${page}&per_page=100`,
    );
    const hit = body.results.find((i) => i.email === email);
    if (hit) return hit.id;
    if (!body.next) throw new Error(`no invitation for ${email}`);
  }
}

async function groupMembers(page: Page, name: string): Promise<number> {
  await page.goto(`/groups?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  const text = (await row.getByRole("cell").nth(2).innerText()).replace(/\D+/g, "");
  return Number(text);
}

const invitationRow = (page: Page, email: string) =>
  page.getByTestId("invitation-row").filter({ hasText: email });

test.describe("invitations", () => {
  test("invite → accept in ezeep → Sync now → the new user is in the intended groups, all audited", async ({
    page,
  }) => {
    const email = `e2e.joiner.${unique()}@newco.example`;
    await signInAs(page, "admin");
    const legalBefore = await groupMembers(page, "Legal");

    await page.goto("/");
    await expect(page.getByTestId("invitations-card")).toBeVisible();
    await page.getByRole("link", { name: "Invitations" }).first().click();
    await expect(page.getByRole("heading", { name: "Invitations" })).toBeVisible();
    await page.getByRole("link", { name: "Invite people" }).click();
    // new.hire@acme.example has an open invitation in the demo data: ezeep refuses it (400).
    await page
      .getByLabel("Email addresses")
      .fill(`${email}, not-an-address\n${email.toUpperCase()} new.hire@acme.example`);
    await expect(page.getByText("2 addresses · 1 invalid · 1 listed twice")).toBeVisible();
    await page.getByRole("checkbox", { name: "Legal" }).check();
    await page.getByRole("checkbox", { name: "Operations" }).check();
    await page.getByRole("button", { name: "Send 2 invitations" }).click();

    const results = page.getByTestId("invite-result");
    await expect(page.getByRole("status").filter({ hasText: "1 of 4 addresses invited." })).toBeVisible();
    await expect(results.filter({ hasText: "new.hire@acme.example" })).toContainText("Refused by ezeep");
    await expect(results.filter({ hasText: "new.hire@acme.example" })).toContainText(
      "An open invitation for this email already exists.",
    );
    await expect(results.filter({ hasText: email }).first()).toContainText("Sent");
    await expect(results.filter({ hasText: "not-an-address" })).toContainText("Invalid");
    await expect(results.filter({ hasText: "Listed twice" })).toHaveCount(1);

    await page.getByRole("link", { name: "View invitations" }).click();
    const row = invitationRow(page, email);
    await expect(row).toContainText("Pending");
    await expect(row).toContainText("by admin@e2e.test");
    await expect(row).toContainText("Legal");
    await expect(row).toContainText("on acceptance");
    await expect(row.getByRole("button", { name: `Resend to ${email}` })).toBeDisabled(); // cooldown

    // The invitee accepts in ezeep (simulator hook); a person does not want to wait for the job.
    const user = await simControl<{ id: string }>(`/invitations/${await ezeepInvitationId(email)}/accept`, {
      firstName: "Jo",
      lastName: "Iner",
    });
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("sync-result")).toContainText("Synced with ezeep");
    await expect(invitationRow(page, email)).toContainText("Accepted");
    await expect(invitationRow(page, email)).toContainText("added ✓");

    const printing = await ezeep<{ groups: { group_id: string }[] }>("api", `/printing/v1/users/${user.id}/`);
    expect(printing.groups).toHaveLength(2);
    expect(await groupMembers(page, "Legal")).toBe(legalBefore + 1);

    await page.goto("/audit");
    const entries = page.getByTestId("audit-entry").filter({ hasText: email });
    await expect(entries.filter({ hasText: "invitation.create" }).filter({ hasText: "Success" })).toHaveCount(
      1,
    );
    await expect(entries.filter({ hasText: "invitation.apply_groups" })).toContainText(
      "Invitation follow-up",
    );
    await expect(page.getByTestId("audit-entry").filter({ hasText: "not-an-address" }).first()).toContainText(
      "invalid email address",
    );
  });

  test("the background follow-up picks up an acceptance without anyone clicking", async ({ page }) => {
    const email = `e2e.auto.${unique()}@newco.example`;
    await signInAs(page, "owner");
    await page.goto("/invitations/new");
    await page.getByLabel("Email addresses").fill(email);
    await page.getByRole("checkbox", { name: "Finance" }).check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 invitation sent." })).toBeVisible();
    const user = await simControl<{ id: string }>(
      `/invitations/${await ezeepInvitationId(email)}/accept`,
      {},
    );
    await expect(async () => {
      await page.goto("/invitations?status=accepted");
      await expect(invitationRow(page, email)).toContainText("added ✓", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const printing = await ezeep<{ groups: { group_id: string }[] }>("api", `/printing/v1/users/${user.id}/`);
    expect(printing.groups).toHaveLength(1);
  });

  test("helpdesk invites users but cannot choose the admin role or groups", async ({ page }) => {
    const email = `e2e.helpdesk.${unique()}@newco.example`;
    await signInAs(page, "helpdesk");
    await page.goto("/invitations/new");
    await expect(page.getByRole("radio", { name: /Admin/ })).toBeDisabled();
    await expect(page.getByText("Your role may not choose groups.")).toBeVisible();
    await page.getByLabel("Email addresses").fill(email);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 invitation sent." })).toBeVisible();
    await page.getByRole("link", { name: "View invitations" }).click();
    await expect(invitationRow(page, email)).toContainText("by helpdesk@e2e.test");
  });

  test("an auditor sees invitations but has no way to change them", async ({ page }) => {
    await signInAs(page, "auditor");
    await page.goto("/invitations");
    await expect(page.getByRole("heading", { name: "Invitations" })).toBeVisible();
    await expect(page.getByTestId("invitation-row").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Invite people" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Resend/ })).toHaveCount(0);
    await page.goto("/invitations/new");
    await expect(page.getByText("Not available for your role")).toBeVisible();
  });
});
