// Trust against a real `next start`: a cookie copied before sign-out is refused afterwards; an
// organization owner (not a portal admin) cannot read the portal-wide log; malformed requests get 4xx.
import { expect, test } from "@playwright/test";

import { E2E_ADMINS, e2eEnv, signInAs } from "./fixtures";

test.describe("trust", () => {
  test("a cookie copied before sign-out is refused afterwards", async ({ page, browser }) => {
    await signInAs(page, "admin");
    const copied = await page.context().cookies();
    expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/signin");

    const thief = await browser.newContext({ baseURL: e2eEnv().baseURL });
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto("/groups");
    await expect(stolen).toHaveURL((url) => url.pathname === "/signin");
    const exported = await thief.request.get("/api/audit/export?format=json");
    expect(exported.status()).toBe(401);
    await thief.close();
  });

  test("Settings lists the admin's sessions and ending one signs that browser out", async ({
    page,
    browser,
  }) => {
    await signInAs(page, "helpdesk");
    await page.goto("/settings");
    const rows = page.getByTestId("session-row");
    // Other specs sign this admin in too: end those sessions first, so only this browser's is left.
    const others = rows.filter({ hasNotText: "This browser" });
    for (let n = await others.count(); n > 0; n--) {
      await others.first().getByRole("button", { name: "End" }).click();
      await page.getByRole("button", { name: "End session" }).click();
      await expect(others).toHaveCount(n - 1);
    }
    await expect(rows).toHaveCount(1);

    const other = await browser.newContext({ baseURL: e2eEnv().baseURL });
    const otherPage = await other.newPage();
    await signInAs(otherPage, "helpdesk");
    await page.reload();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);
    await rows.filter({ hasNotText: "This browser" }).getByRole("button", { name: "End" }).click();
    await page.getByRole("button", { name: "End session" }).click();
    await expect(rows).toHaveCount(1);
    await otherPage.goto("/groups");
    await expect(otherPage).toHaveURL((url) => url.pathname === "/signin");
    await other.close();
  });

  test("an organization owner cannot read the portal-wide log", async ({ page }) => {
    await signInAs(page, "owner");
    const portalExport = await page.request.get("/api/audit/export?format=json&org=portal");
    expect(portalExport.status()).toBe(403);
    const body = await portalExport.text();
    expect(body).not.toContain(E2E_ADMINS.admin.email);
    await page.goto("/audit?org=portal");
    await expect(page.getByText("Portal-wide (sign-ins)")).toHaveCount(0);
  });

  test("malformed requests are answered with 4xx, never 500", async ({ page, request }) => {
    const base = e2eEnv().baseURL;
    const cases: [string, () => Promise<{ status(): number }>][] = [
      [
        "unknown action id",
        () =>
          request.post("/", {
            headers: { "next-action": "00".repeat(21), "content-type": "text/plain;charset=UTF-8" },
            data: "[]",
          }),
      ],
      [
        "malformed action id",
        () => request.post("/", { headers: { "next-action": "not-an-id" }, data: "[]" }),
      ],
      [
        "cross-origin action",
        () =>
          request.post("/", {
            headers: {
              "next-action": "00".repeat(21),
              origin: "https://evil.example",
              "content-type": "text/plain;charset=UTF-8",
            },
            data: "[]",
          }),
      ],
      [
        "action body that is not JSON",
        () =>
          request.post("/groups", {
            headers: { "next-action": "00".repeat(21), "content-type": "text/plain;charset=UTF-8" },
            data: "{not json",
          }),
      ],
      [
        "action with an unexpected content type",
        () =>
          request.post("/groups", {
            headers: { "next-action": "00".repeat(21), "content-type": "application/xml" },
            data: "<x/>",
          }),
      ],
      [
        "callbackUrl to another site",
        () => request.get("/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2F", { maxRedirects: 0 }),
      ],
      [
        "callbackUrl protocol-relative",
        () => request.get("/signin?callbackUrl=%2F%2Fevil.example", { maxRedirects: 0 }),
      ],
      [
        "callbackUrl javascript:",
        () => request.get("/api/auth/signin?callbackUrl=javascript%3Aalert(1)", { maxRedirects: 0 }),
      ],
      [
        "credentials callback without CSRF token",
        () =>
          request.post("/api/auth/callback/credentials", {
            form: { email: "x", password: "y" },
            maxRedirects: 0,
          }),
      ],
      ["audit entry id that is not a number", () => request.get("/audit/abc", { maxRedirects: 0 })],
    ];
    for (const [label, send] of cases) {
      const res = await send();
      expect(res.status(), `${label} (${base})`).toBeLessThan(500);
    }
    void page;
  });
});
