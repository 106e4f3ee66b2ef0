// What `npm run demo` and `npm run dev` set up before they start (scripts/lib/portal-run.ts): the
// demo secrets per database, whether the build is stale, and the redirect URIs of the simulated
// client.
import { createHash, generateKeyPairSync } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { randomSecret } from "./secrets.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_DATABASE = "file:./data/portal.db";

/**
 * Demo state per database: the default SQLite database keeps data/demo-secrets.json; any other
 * (a PostgreSQL one, another file) gets its own file, so one demo never changes another's owner.
 */
export function secretsFileFor(databaseUrl: string): string {
  if (databaseUrl === DEFAULT_DATABASE) return path.join(root, "data/demo-secrets.json");
  const digest = createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12);
  return path.join(root, `data/demo-secrets-${digest}.json`);
}
export const FIRST_ADMIN_EMAIL = "admin@demo.local";

export interface DemoSecrets {
  NEXTAUTH_SECRET: string;
  SIMULATOR_CLIENT_ID: string;
  SIMULATOR_CLIENT_SECRET: string;
  PORTAL_ENCRYPTION_KEY: string;
  /** HMAC key of the audit chain (lib/audit/link.ts) */
  AUDIT_CHAIN_KEY: string;
  /** Ed25519 key for `npm run audit:checkpoint` (lib/audit/checkpoint.ts); the portal never reads it */
  AUDIT_CHECKPOINT_SIGNING_KEY: string;
  /** kept so the banner can show it again while it is still the admin's password */
  FIRST_ADMIN_PASSWORD?: string;
}

export const log = (msg: string) =>
  console.log(`[${path.basename(process.argv[1] ?? "portal", ".ts")}] ${msg}`);

/** The database's demo secrets file: generated once (mode 0600), reused afterwards. */
export function loadSecrets(file: string): DemoSecrets {
  mkdirSync(path.dirname(file), { recursive: true });
  let stored: Partial<DemoSecrets> = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, "utf8")) as Partial<DemoSecrets>;
    } catch {
      throw new Error(
        `${path.relative(root, file)} is not valid JSON: fix or delete it (a new one is then generated)`,
      );
    }
  }
  const secrets: DemoSecrets = {
    NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET || randomSecret(32),
    SIMULATOR_CLIENT_ID: stored.SIMULATOR_CLIENT_ID || `demo-${randomSecret(9)}`,
    SIMULATOR_CLIENT_SECRET: stored.SIMULATOR_CLIENT_SECRET || randomSecret(32),
    PORTAL_ENCRYPTION_KEY:
      stored.PORTAL_ENCRYPTION_KEY || Buffer.from(randomSecret(32), "base64url").toString("base64"),
    AUDIT_CHAIN_KEY: stored.AUDIT_CHAIN_KEY || Buffer.from(randomSecret(32), "base64url").toString("base64"),
    AUDIT_CHECKPOINT_SIGNING_KEY:
      stored.AUDIT_CHECKPOINT_SIGNING_KEY ||
      generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    ...(stored.FIRST_ADMIN_PASSWORD ? { FIRST_ADMIN_PASSWORD: stored.FIRST_ADMIN_PASSWORD } : {}),
  };
  saveSecrets(file, secrets, JSON.stringify(stored) !== JSON.stringify(secrets));
  return secrets;
}

export function saveSecrets(file: string, secrets: DemoSecrets, write = true) {
  if (write) writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Newest modification time under the paths that end up in the Next.js build. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p))
        if (name !== "node_modules" && !name.startsWith(".")) visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of [
    "app",
    "lib",
    "public",
    "components",
    "middleware.ts",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.js",
    "next.config.mjs",
    "next.config.ts",
    "postcss.config.mjs",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
  ]) {
    visit(path.join(root, p));
  }
  return newest;
}

export function buildIsStale(): boolean {
  const buildId = path.join(root, ".next/BUILD_ID");
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime();
}

/** "Connect with ezeep" returns to /code on the portal's own port (EZEEP_REDIRECT_URI wins when set). */
export function demoRedirectUri(portalUrl: string): string {
  return process.env.EZEEP_REDIRECT_URI || `${portalUrl.replace(/\/$/, "")}/code`;
}

/** The redirect URIs the simulated client accepts: the portal's, on both loopback names. */
export function demoRedirectUris(port: number, redirectUri: string): string[] {
  return [...new Set([redirectUri, `http://127.0.0.1:${port}/code`, `http://localhost:${port}/code`])];
}
