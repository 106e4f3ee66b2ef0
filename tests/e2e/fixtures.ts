// Shared e2e fixtures: the seeded admins (tests/e2e/global-setup.ts creates them), sign-in
// helpers and access to the simulator's /__sim control API.
import { expect, type Page } from "@playwright/test";

export const E2E_PASSWORD = "e2e-Password-1";

export const E2E_ADMINS = {
  owner: { email: "owner@e2e.test", name: "Olivia Owner", role: "owner" },
  admin: { email: "admin@e2e.test", name: "Adrian Admin", role: "admin" },
  helpdesk: { email: "helpdesk@e2e.test", name: "Hana Helpdesk", role: "helpdesk" },
  auditor: { email: "auditor@e2e.test", name: "Audrey Auditor", role: "auditor" },
} as const;

export type E2ERole = keyof typeof E2E_ADMINS;

/** The environment the e2e run was set up with (playwright.config.ts and the global setup). */
export function e2eEnv() {
  const env = process.env;
  return {
    baseURL: env.E2E_BASE_URL ?? "",
    accountUrl: env.E2E_ACCOUNT_URL ?? "",
    apiUrl: env.E2E_API_URL ?? "",
    clientId: env.E2E_CLIENT_ID ?? "",
    clientSecret: env.E2E_CLIENT_SECRET ?? "",
    nextAuthSecret: env.E2E_NEXTAUTH_SECRET ?? "",
    /** ezeep id of the organization the portal manages in e2e runs */
    orgId: env.E2E_ORG_ID ?? "",
    orgName: env.E2E_ORG_NAME ?? "",
    /** the portal's own Organization.id for it */
    portalOrgId: env.E2E_PORTAL_ORG_ID ?? "",
  };
}

/** Fills and submits the sign-in form without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url(), "http://x").pathname !== "/signin") await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through /signin and waits until the portal lands on `/` (or `expectPath`). */
export async function signIn(
  page: Page,
  email: string,
  password: string = E2E_PASSWORD,
  expectPath = "/",
): Promise<void> {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === expectPath);
}

/** Signs in as one of the seeded admins. */
export async function signInAs(page: Page, role: E2ERole): Promise<void> {
  await signIn(page, E2E_ADMINS[role].email, E2E_PASSWORD);
  await expect(page.getByText(E2E_ADMINS[role].name).first()).toBeVisible();
}

/** Calls the simulator's control API (/__sim/...) and returns the parsed JSON body. */
export async function simControl<T = unknown>(path: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${e2eEnv().accountUrl}/__sim${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator /__sim${path}: HTTP ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
