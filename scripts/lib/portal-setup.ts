// Shared by `npm run demo` (scripts/demo.ts: next build + next start) and `npm run dev`
// (scripts/dev.ts: next dev): secrets, the simulated (or real) ezeep, the database, the first
// owner, then the Next.js server and a banner. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
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

import { maskUrlPassword } from "@/lib/observability/logger";
import { discoverOrganizationOverHttp } from "@/lib/setup/discover";

import { isPortFree } from "./ports.mjs";
import { randomSecret } from "./secrets.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_DATABASE = "file:./data/portal.db";

/**
 * Demo state per database: the default SQLite database keeps data/demo-secrets.json; any other
 * (a PostgreSQL one, another file) gets its own file, so one demo never changes another's owner.
 */
export function secretsFileFor(databaseUrl: string): string {
  if (databaseUrl === DEFAULT_DATABASE) return path.join(root, "data/demo-secrets.json");
  const digest = createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12);
  return path.join(root, `data/demo-secrets-${digest}.json`);
}
const FIRST_ADMIN_EMAIL = "admin@demo.local";

interface DemoSecrets {
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

const log = (msg: string) => console.log(`[${path.basename(process.argv[1] ?? "portal", ".ts")}] ${msg}`);

/** The database's demo secrets file: generated once (mode 0600), reused afterwards. */
function loadSecrets(file: string): DemoSecrets {
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

function saveSecrets(file: string, secrets: DemoSecrets, write = true) {
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

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1)));
    child.once("error", () => resolve(1));
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("the Next.js server exited");
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function banner(lines: string[]) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const out = [`╔${"═".repeat(width)}╗`];
  for (const l of lines) out.push(`║  ${l.padEnd(width - 4)}  ║`);
  out.push(`╚${"═".repeat(width)}╝`);
  console.log(`\n${out.join("\n")}\n`);
}

interface Simulated {
  accountUrl: string;
  apiUrl: string;
  organizationId: string;
  close(): Promise<void>;
}

/** "Connect with ezeep" returns to /code on the portal's own port (EZEEP_REDIRECT_URI wins when set). */
export function demoRedirectUri(portalUrl: string): string {
  return process.env.EZEEP_REDIRECT_URI || `${portalUrl.replace(/\/$/, "")}/code`;
}

/** The redirect URIs the simulated client accepts: the portal's, on both loopback names. */
export function demoRedirectUris(port: number, redirectUri: string): string[] {
  return [...new Set([redirectUri, `http://127.0.0.1:${port}/code`, `http://localhost:${port}/code`])];
}

async function startDemoSimulator(secrets: DemoSecrets, redirectUris: string[]): Promise<Simulated> {
  const { startSimulator } = await import("@/lib/ezeep-simulator");
  const clients = [
    {
      clientId: secrets.SIMULATOR_CLIENT_ID,
      clientSecret: secrets.SIMULATOR_CLIENT_SECRET,
      organizationIds: [] as string[],
      // A partner client, so "Create organization" and the provisioning flow work in the demo.
      partner: true,
      redirectUris,
    },
  ];
  try {
    return await startSimulator({ clients, seed: "demo", accountPort: 4010, apiPort: 4011 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    log("ports 4010/4011 are taken: starting the simulator on free ports instead");
    return startSimulator({ clients, seed: "demo", accountPort: 0, apiPort: 0 });
  }
}

export async function runPortal(mode: "demo" | "dev"): Promise<void> {
  process.chdir(root);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const port = Number(process.env.PORT || 3000);
  if (!(await isPortFree(port))) {
    throw new Error(
      `port ${port} on 127.0.0.1 is in use: stop what runs there or start with PORT=<another port> npm run ${mode}`,
    );
  }
  const url = `http://127.0.0.1:${port}`;
  const redirectUri = demoRedirectUri(process.env.NEXTAUTH_URL || url);
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE;
  const secretsFile = secretsFileFor(databaseUrl);
  const secrets = loadSecrets(secretsFile);

  let stopping = false;
  let sim: Simulated | null = null;
  let server: ChildProcess | null = null;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      const killer = setTimeout(() => server?.kill("SIGKILL"), 5_000);
      await new Promise((r) => server!.once("exit", r));
      clearTimeout(killer);
    }
    await sim?.close().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  // ezeep: the real one when credentials are given, else the simulator.
  const real = Boolean(process.env.EZEEP_CLIENT_ID && process.env.EZEEP_CLIENT_SECRET);
  let ezeep: {
    clientId: string;
    clientSecret: string;
    accountUrl: string;
    apiUrl: string;
    organizationId?: string;
  };
  if (real) {
    ezeep = {
      clientId: process.env.EZEEP_CLIENT_ID!,
      clientSecret: process.env.EZEEP_CLIENT_SECRET!,
      accountUrl: process.env.EZEEP_ACCOUNT_URL || "https://account.ezeep.com",
      apiUrl: process.env.EZEEP_API_URL || "https://api2.ezeep.com",
      organizationId: process.env.EZEEP_ORGANIZATION_ID || undefined,
    };
    log(`using the real ezeep at ${ezeep.accountUrl} (EZEEP_CLIENT_ID is set)`);
  } else {
    sim = await startDemoSimulator(secrets, demoRedirectUris(port, redirectUri));
    ezeep = {
      clientId: secrets.SIMULATOR_CLIENT_ID,
      clientSecret: secrets.SIMULATOR_CLIENT_SECRET,
      accountUrl: sim.accountUrl,
      apiUrl: sim.apiUrl,
      organizationId: sim.organizationId,
    };
    log(`simulated ezeep: account ${sim.accountUrl}, api ${sim.apiUrl}`);
  }

  // Database: migrate, then the organization and the first owner (audited: needs the chain key).
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUDIT_CHAIN_KEY ||= secrets.AUDIT_CHAIN_KEY;
  const { DatabaseBusyError, migrateWhenFree } = await import("@/lib/db-migrate");
  try {
    await migrateWhenFree(databaseUrl, { onWait: log });
  } catch (err) {
    if (err instanceof DatabaseBusyError) throw err;
    const e = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(
      `migrating ${maskUrlPassword(databaseUrl)} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
  }
  log(`database ${maskUrlPassword(databaseUrl)} is up to date`);

  const { ensureOrganization } = await import("@/lib/organizations/service");
  let discovered: { ezeepId: string; name: string };
  if (real && process.env.EZEEP_ORGANIZATION_ID && process.env.EZEEP_ORGANIZATION_NAME) {
    discovered = { ezeepId: process.env.EZEEP_ORGANIZATION_ID, name: process.env.EZEEP_ORGANIZATION_NAME };
  } else {
    discovered = await discoverOrganizationOverHttp(ezeep);
  }
  const org = await ensureOrganization({ ezeepId: discovered.ezeepId, name: discovered.name });
  log(`organization "${org.name}" (ezeep id ${org.ezeepId})`);

  const { countAdmins, createAdmin } = await import("@/lib/admins/service");
  const { generatePassword, verifyPassword } = await import("@/lib/auth/password");
  const { db } = await import("@/lib/db");
  let email = FIRST_ADMIN_EMAIL;
  let password: string | null = null;
  const admins = await countAdmins();
  if (admins === 0) {
    password = generatePassword();
    await createAdmin({
      email,
      name: "Demo Owner",
      password,
      roles: [{ organizationId: org.id, role: "owner" }],
      portalAdmin: true,
    });
    saveSecrets(secretsFile, { ...secrets, FIRST_ADMIN_PASSWORD: password });
    log(`created the first owner ${email}`);
  } else {
    const first = await db.admin.findUnique({ where: { email: FIRST_ADMIN_EMAIL } });
    if (
      first &&
      secrets.FIRST_ADMIN_PASSWORD &&
      (await verifyPassword(secrets.FIRST_ADMIN_PASSWORD, first.passwordHash))
    ) {
      password = secrets.FIRST_ADMIN_PASSWORD;
    } else if (!first) {
      email = "";
    }
    log(
      `${admins === 1 ? "1 admin exists" : `${admins} admins exist`} already: no admin created (add one with \`npm run admin:create -- --email you@example.com --name "Your Name" --role owner\`)`,
    );
  }
  await db.$disconnect();

  // The Next.js server.
  // NODE_ENV left out: next picks production (build/start) or development (dev) itself.
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const env = {
    ...inherited,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || secrets.NEXTAUTH_SECRET,
    PORTAL_ENCRYPTION_KEY: process.env.PORTAL_ENCRYPTION_KEY || secrets.PORTAL_ENCRYPTION_KEY,
    AUDIT_CHAIN_KEY: process.env.AUDIT_CHAIN_KEY || secrets.AUDIT_CHAIN_KEY,
    EZEEP_CLIENT_ID: ezeep.clientId,
    EZEEP_CLIENT_SECRET: ezeep.clientSecret,
    EZEEP_ACCOUNT_URL: ezeep.accountUrl,
    EZEEP_API_URL: ezeep.apiUrl,
    EZEEP_ORGANIZATION_ID: ezeep.organizationId ?? "",
    EZEEP_REDIRECT_URI: redirectUri,
    ...(sim ? { PORTAL_SIMULATOR_CONTROL: sim.accountUrl } : {}),
    NEXT_TELEMETRY_DISABLED: "1",
  } as unknown as NodeJS.ProcessEnv;
  const next = path.join(root, "node_modules/.bin/next");

  if (mode === "demo") {
    if (buildIsStale()) {
      log("building the portal (next build; sources are newer than the last build)…");
      const code = await runToEnd(next, ["build"], env);
      if (code !== 0) {
        await sim?.close();
        throw new Error(`next build failed (exit ${code})`);
      }
    } else {
      log("the production build in .next is up to date");
    }
  }
  if (stopping) return;

  server = spawn(next, [mode === "demo" ? "start" : "dev", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  server.once("exit", (code) => {
    if (!stopping) {
      log(`the Next.js server exited (${code ?? "signal"})`);
      void stopAll(code ?? 1);
    }
  });
  await waitForHttp(`${url}/api/auth/csrf`, server, mode === "demo" ? 60_000 : 180_000);

  banner(
    [
      `ezeep Admin Portal (${mode === "demo" ? "demo" : "development server"}) is running`,
      "",
      `URL:       ${url}`,
      email ? `Email:     ${email}` : "Sign in with one of your existing admins.",
      email ? `Password:  ${password ?? "(the one you chose; reset it with npm run admin:create)"}` : "",
      "",
      sim
        ? `simulated ezeep at ${sim.accountUrl} (account) and ${sim.apiUrl} (printing)`
        : `real ezeep at ${ezeep.accountUrl}`,
      `organization: ${org.name}`,
      `database: ${maskUrlPassword(databaseUrl)}`,
      "",
      "Ctrl-C stops everything.",
    ].filter((l, i, a) => !(l === "" && a[i - 1] === "")),
  );
}
