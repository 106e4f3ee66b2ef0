// Invariant 1 (ARCHITECTURE.md): no secret or token reaches the browser — static half.
// Scans every file Next.js serves to browsers (.next/static) for the secrets the build ran with
// and for ezeep access tokens. Runs only after `next build` (npm test builds with the e2e
// simulator's credentials in the environment, then runs this with the same values).
// The rendered-pages half is tests/e2e/no-secrets.spec.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { findEzeepTokens, findSecrets, formatLeaks, simulatorIssuedTokens, type Leak } from "./leaks";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const buildId = path.join(distDir, "BUILD_ID");
const staticDir = path.join(distDir, "static");

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Every secret value we can know of: the e2e run's, this shell's, and the demo's. */
function knownSecrets(): Record<string, string | undefined> {
  const env = process.env;
  const secrets: Record<string, string | undefined> = {
    E2E_CLIENT_SECRET: env.E2E_CLIENT_SECRET,
    E2E_NEXTAUTH_SECRET: env.E2E_NEXTAUTH_SECRET,
    EZEEP_CLIENT_SECRET: env.EZEEP_CLIENT_SECRET,
    "NEXTAUTH_SECRET (build)": env.BUILD_NEXTAUTH_SECRET,
  };
  const demo = path.join(root, "data/demo-secrets.json");
  if (existsSync(demo)) {
    try {
      const parsed = JSON.parse(readFileSync(demo, "utf8")) as Record<string, unknown>;
      for (const [k, v] of Object.entries(parsed)) {
        if (typeof v === "string" && /secret|key|password/i.test(k))
          secrets[`data/demo-secrets.json ${k}`] = v;
      }
    } catch {
      /* unreadable: nothing to compare with */
    }
  }
  return secrets;
}

describe.skipIf(!existsSync(buildId))("the browser bundles (.next/static)", () => {
  it("contain no secret and no ezeep token", async () => {
    const secrets = knownSecrets();
    const issued = await simulatorIssuedTokens(process.env.E2E_ACCOUNT_URL);
    issued.forEach((t, i) => (secrets[`simulator-issued token #${i + 1}`] = t));
    if (process.env.SECURITY_REQUIRE_SECRETS === "1") {
      // npm test sets this: the scan must have real values to look for.
      expect(Object.values(secrets).filter(Boolean).length).toBeGreaterThanOrEqual(2);
    }

    const leaks: Leak[] = [];
    let files = 0;
    for (const file of walk(staticDir)) {
      files++;
      const text = readFileSync(file).toString("latin1");
      const where = path.relative(root, file);
      leaks.push(...findSecrets(text, secrets, where), ...findEzeepTokens(text, where));
    }
    expect(files).toBeGreaterThan(0);
    expect(leaks, formatLeaks(leaks)).toEqual([]);
  });

  it("do not reference server-only environment variables by name", () => {
    // A client component reading process.env.EZEEP_CLIENT_SECRET would compile to undefined, but
    // the name showing up in a bundle means server code was pulled into the browser.
    const names = ["EZEEP_CLIENT_SECRET", "NEXTAUTH_SECRET", "DATABASE_URL"];
    const hits: string[] = [];
    for (const file of walk(staticDir)) {
      const text = readFileSync(file, "utf8");
      for (const name of names) if (text.includes(name)) hits.push(`${name} in ${path.relative(root, file)}`);
    }
    expect(hits).toEqual([]);
  });
});
