// Invariant 1 (ARCHITECTURE.md): no secret or token reaches the browser. Signs in, visits the
// portal's pages and scans every HTML document, network response body and response header for
// the ezeep client secret, the NextAuth secret and ezeep access tokens. Also checks the security
// headers next.config.js sets.
import { expect, test, type Response } from "@playwright/test";

import {
  findEzeepTokens,
  findSecrets,
  formatLeaks,
  simulatorIssuedTokens,
  type Leak,
} from "../security/leaks";
import { E2E_ADMINS, E2E_PASSWORD, e2eEnv, signIn, simControl } from "./fixtures";

function expectSecurityHeaders(response: Response | null) {
  expect(response, "the page answered").not.toBeNull();
  const headers = response!.headers();
  expect(headers["content-security-policy"] ?? "").toMatch(/frame-ancestors\s+('none'|'self')/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"] ?? "").not.toBe("");
  expect(headers["x-powered-by"]).toBeUndefined();
}

test("security headers are set on pages", async ({ page }) => {
  expectSecurityHeaders(await page.goto("/signin"));
  await signIn(page, E2E_ADMINS.owner.email, E2E_PASSWORD);
  expectSecurityHeaders(await page.goto("/"));
});

test("no secret or token reaches the browser", async ({ page }) => {
  const env = e2eEnv();
  const bodies: Promise<{ where: string; text: string }>[] = [];
  page.on("response", (response) => {
    bodies.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
        let body = "";
        try {
          body = (await response.body()).toString("latin1");
        } catch {
          /* redirects and aborted requests have no body */
        }
        return { where: `${response.request().method()} ${response.url()}`, text: `${headers}\n${body}` };
      })(),
    );
  });

  await simControl("/stats/reset", {});
  await signIn(page, E2E_ADMINS.owner.email, E2E_PASSWORD);

  // The pages named in the brief, plus every portal page the navigation links to.
  const paths = new Set(["/", "/groups", "/audit"]);
  for (const href of await page
    .locator("nav a[href^='/']")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
    const path = href.split(/[?#]/)[0];
    if (path && !path.startsWith("/api/")) paths.add(path);
  }
  const documents: { where: string; text: string }[] = [];
  for (const path of [...paths].slice(0, 15)) {
    const response = await page.goto(path);
    expect(response?.status(), `GET ${path}`).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
    documents.push({ where: `DOM of ${path}`, text: await page.content() });
  }

  const stats = await simControl<{ requests: number }>("/stats");
  expect(
    stats.requests,
    "the portal called ezeep while rendering the pages (so it held a token)",
  ).toBeGreaterThan(0);

  const issued = await simulatorIssuedTokens(env.accountUrl);
  const secrets: Record<string, string> = {
    "the ezeep client secret": env.clientSecret,
    "the NextAuth secret": env.nextAuthSecret,
  };
  issued.forEach((token, i) => (secrets[`simulator-issued token #${i + 1}`] = token));

  const leaks: Leak[] = [];
  for (const { where, text } of [...(await Promise.all(bodies)), ...documents]) {
    leaks.push(...findSecrets(text, secrets, where), ...findEzeepTokens(text, where));
  }
  expect(bodies.length).toBeGreaterThan(paths.size);
  expect(leaks, formatLeaks(leaks)).toEqual([]);
});
