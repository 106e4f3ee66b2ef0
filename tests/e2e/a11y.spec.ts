// Accessibility (WCAG 2.1 AA), checked in the browser:
// - axe-core on every page of the portal (found by walking app/ for page.tsx files, so a new page
//   is checked without editing this file) at 1440 and 390 px, in light and dark mode; any serious
//   or critical violation fails the test and is listed with its elements;
// - keyboard: the skip link, the phone menu (Escape), a confirmation dialog (focus in, focus back),
//   focus on the result after an action, the users' selection announced;
// - unknown ids answer 404.
import "./server-only-hook";

import { readdirSync } from "node:fs";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { signInAs } from "./fixtures";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const WIDTHS = [1440, 390] as const;
const SCHEMES = ["light", "dark"] as const;
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Pages seen signed out; every other page is checked signed in as the owner (who sees everything). */
const PUBLIC_ROUTES = new Set(["/signin", "/signout"]);

/** First-run pages: they exist only while the portal has no admin (tests/e2e/production-install.spec.ts). */
const FIRST_RUN_ROUTES = new Set(["/setup"]);

/** Every page route of the app, e.g. "/users/[id]/edit" (route groups like "(portal)" removed). */
function pageRoutes(dir = APP_DIR, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name)) routes.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    routes.push(...pageRoutes(path.join(dir, entry.name), `${prefix}${segment}`));
  }
  return [...new Set(routes)].sort();
}

/**
 * A real URL for a route: dynamic segments take the first id that the parent list page links to
 * (e.g. "/users/[id]/edit" → open /users, take the first "/users/<id>" link).
 */
async function resolveRoute(page: Page, route: string): Promise<string> {
  const dynamic = route.match(/^(\/[^[]+?)\/\[[^\]]+\](.*)$/);
  if (!dynamic) return route;
  const [, listPath, rest] = dynamic;
  if (rest.includes("[")) throw new Error(`${route}: only one dynamic segment is supported here`);
  let id: string | undefined;
  // The organization's audit log is empty in a fresh run; the portal-wide one has the sign-ins.
  for (const list of listPath === "/audit" ? [listPath, "/audit?org=portal"] : [listPath]) {
    await page.goto(list);
    const hrefs = await page
      .locator(`main a[href^="${listPath}/"]`)
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const escaped = listPath.replace(/[/]/g, "\\/");
    id = hrefs
      .map((href) => href.match(new RegExp(`^${escaped}\\/([^/?#]+)`))?.[1])
      .find((segment) => segment && segment !== "new");
    if (id) break;
  }
  if (!id && listPath === "/domains") id = await seedDomainRule();
  if (!id) throw new Error(`${route}: ${listPath} links to no item, so there is nothing to check`);
  return `${listPath}/${id}${rest}`;
}

/** A fresh run has no domain rule to open: save one (as the rules page would) and use its id. */
async function seedDomainRule(): Promise<string> {
  const { db } = await import("@/lib/db");
  const rule = await db.domainRule.create({
    data: { organizationId: process.env.E2E_PORTAL_ORG_ID!, pattern: "a11y.example", groups: "[]" },
  });
  return rule.id;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes
        .slice(0, 5)
        .map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary ?? ""}`),
    );
}

test.describe("axe: no serious or critical WCAG 2.1 AA violation on any page", () => {
  const routes = pageRoutes().filter((route) => !FIRST_RUN_ROUTES.has(route));

  test("the page list is complete", () => {
    // Guards the walk itself: these pages exist today.
    for (const known of ["/", "/users", "/users/[id]", "/groups/[id]/members", "/audit/[id]", "/signin"]) {
      expect(routes).toContain(known);
    }
  });

  for (const route of routes) {
    test(`${route}`, async ({ page }) => {
      test.setTimeout(120_000);
      if (!PUBLIC_ROUTES.has(route)) await signInAs(page, "owner");
      const url = await resolveRoute(page, route);
      const problems: string[] = [];
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
          const response = await page.goto(url);
          expect(response?.status(), `${url} answers`).toBeLessThan(400);
          await page.waitForLoadState("networkidle");
          for (const v of await seriousViolations(page)) problems.push(`[${width}px ${scheme}] ${v}`);
        }
      }
      expect(problems, `${url}\n${problems.join("\n")}`).toEqual([]);
    });
  }

  test("the page for an unknown id (404)", async ({ page }) => {
    await signInAs(page, "owner");
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/groups/no-such-group");
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});

test.describe("unknown ids", () => {
  test("answer 404 with the not-found page", async ({ page }) => {
    await signInAs(page, "owner");
    for (const url of [
      "/users/no-such-user",
      "/groups/no-such-group",
      "/printers/no-such-printer",
      "/audit/999999999",
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first stop and moves focus to the content", async ({ page }) => {
    await signInAs(page, "owner");
    await page.goto("/users");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main-content")).toBeFocused();
    // The next Tab lands inside the content, not in the navigation.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main")?.id)).toBe("main-content");
  });

  test("the phone menu closes with Escape and gives focus back to its button", async ({ page }) => {
    await signInAs(page, "owner");
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.locator("summary", { hasText: "Menu" });
    await menu.focus();
    await page.keyboard.press("Enter");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
    await nav.getByRole("link", { name: "Users" }).focus();
    await page.keyboard.press("Escape");
    await expect(nav.getByRole("link", { name: "Users" })).toBeHidden();
    await expect(menu).toBeFocused();
  });

  test("the phone header has one organization selector with a name", async ({ page }) => {
    await signInAs(page, "owner");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator("#org-switcher")).toHaveCount(1);
    await expect(page.getByRole("combobox", { name: "Organization" })).toBeVisible();
  });

  test("a confirmation dialog takes focus and gives it back on Escape", async ({ page }) => {
    await signInAs(page, "owner");
    const url = await resolveRoute(page, "/groups/[id]");
    await page.goto(url);
    const trigger = page.getByRole("button", { name: /^Delete / });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(trigger).toBeFocused();
  });

  test("after adding a user to a group, focus is on the result", async ({ page }) => {
    await signInAs(page, "owner");
    await page.goto("/users?status=active");
    const userHref = await page.locator('main a[href^="/users/"]').first().getAttribute("href");
    await page.goto(userHref!);
    const open = page.getByRole("button", { name: "Add to groups" });
    await expect(open).toBeEnabled();
    await open.focus();
    await page.keyboard.press("Enter");
    const first = page.getByRole("list", { name: "Groups to join" }).getByRole("checkbox").first();
    await first.focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: /^Add to group/ }).focus();
    await page.keyboard.press("Enter");
    const focused = page.locator(":focus");
    await expect(focused).toHaveAttribute("role", "status");
    await expect(focused).toContainText("was added to");
  });

  test("selecting users is announced and the action is reachable", async ({ page }) => {
    await signInAs(page, "owner");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/users?status=active");
    const bar = page.getByTestId("bulk-bar");
    await expect(bar.getByLabel("Select every user on this page")).toBeVisible();
    await page
      .getByRole("checkbox", { name: /^Select (?!every)/ })
      .first()
      .check();
    await expect(bar.getByRole("status")).toHaveText("1 selected");
    await expect(bar.getByRole("button", { name: "Add to group" })).toBeVisible();
    // The column headers stay available to screen readers at phone width.
    await expect(page.getByRole("columnheader", { name: "Name" })).toHaveCount(1);
  });
});
