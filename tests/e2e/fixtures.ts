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

/** A client-credentials access token for the simulated ezeep (the e2e organization's). */
export async function ezeepToken(): Promise<string> {
  const env = e2eEnv();
  const res = await fetch(`${env.accountUrl}/oauth/access_token/`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${env.clientId}:${env.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      scope: "printing",
      ...(env.orgId ? { organization_id: env.orgId } : {}),
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A call to the simulated ezeep as the portal's client (to set up data or look up ids the UI does not show). */
export async function ezeep<T>(
  host: "account" | "api",
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const env = e2eEnv();
  const res = await fetch(`${host === "account" ? env.accountUrl : env.apiUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${await ezeepToken()}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`ezeep ${path}: HTTP ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A new, verified ezeep user (invited, then accepted in the simulator). */
export async function newEzeepUser(
  first: string,
  last: string,
): Promise<{ id: string; email: string; name: string }> {
  const email = `e2e.${first.toLowerCase()}.${Math.random().toString(36).slice(2, 7)}@example.com`;
  const expire = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 19);
  const inv = await ezeep<{ id: string }>("account", "/v1/userinvitations/", {
    method: "POST",
    body: { email, expire_date: expire },
  });
  const user = await simControl<{ id: string }>(`/invitations/${inv.id}/accept`, {
    firstName: first,
    lastName: last,
  });
  return { id: user.id, email, name: `${first} ${last}` };
}
