// Starts the portal for `npm run demo` (scripts/demo.ts: next build + next start) and `npm run
// dev` (scripts/dev.ts: next dev): the simulated (or real) ezeep, the database, the first owner,
// then the Next.js server and a banner. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { maskUrlPassword } from "@/lib/observability/logger";
import { discoverOrganizationOverHttp } from "@/lib/setup/discover";

import {
  buildIsStale,
  DEFAULT_DATABASE,
  demoRedirectUri,
  demoRedirectUris,
  FIRST_ADMIN_EMAIL,
  loadSecrets,
  log,
  root,
  saveSecrets,
  secretsFileFor,
  type DemoSecrets,
} from "./portal-setup";
import { isPortFree } from "./ports.mjs";

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
  const run: Running = { stopping: false, sim: null, server: null };
  process.on("SIGINT", () => void stopAll(run, 0));
  process.on("SIGTERM", () => void stopAll(run, 0));

  const ezeep = await chooseEzeep(run, secrets, demoRedirectUris(port, redirectUri));
  await migrateDatabase(databaseUrl, secrets);
  const { ensureOrganization } = await import("@/lib/organizations/service");
  const discovered =
    ezeep.real && process.env.EZEEP_ORGANIZATION_ID && process.env.EZEEP_ORGANIZATION_NAME
      ? { ezeepId: process.env.EZEEP_ORGANIZATION_ID, name: process.env.EZEEP_ORGANIZATION_NAME }
      : await discoverOrganizationOverHttp(ezeep);
  const org = await ensureOrganization({ ezeepId: discovered.ezeepId, name: discovered.name });
  log(`organization "${org.name}" (ezeep id ${org.ezeepId})`);
  const owner = await firstOwner(org.id, secrets, secretsFile);

  const env = portalEnv({ url, databaseUrl, redirectUri, secrets, ezeep, sim: run.sim });
  const next = path.join(root, "node_modules/.bin/next");
  if (mode === "demo") await buildWhenStale(run, next, env);
  if (run.stopping) return;
  await startServer(run, mode, next, env, port);

  banner(
    [
      `ezeep Admin Portal (${mode === "demo" ? "demo" : "development server"}) is running`,
      "",
      `URL:       ${url}`,
      owner.email ? `Email:     ${owner.email}` : "Sign in with one of your existing admins.",
      owner.email
        ? `Password:  ${owner.password ?? "(the one you chose; reset it with npm run admin:create)"}`
        : "",
      "",
      run.sim
        ? `simulated ezeep at ${run.sim.accountUrl} (account) and ${run.sim.apiUrl} (printing)`
        : `real ezeep at ${ezeep.accountUrl}`,
      `organization: ${org.name}`,
      `database: ${maskUrlPassword(databaseUrl)}`,
      "",
      "Ctrl-C stops everything.",
    ].filter((l, i, a) => !(l === "" && a[i - 1] === "")),
  );
}

/** What Ctrl-C has to stop. */
interface Running {
  stopping: boolean;
  sim: Simulated | null;
  server: ChildProcess | null;
}

async function stopAll(run: Running, code: number): Promise<void> {
  if (run.stopping) return;
  run.stopping = true;
  const server = run.server;
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    const killer = setTimeout(() => server.kill("SIGKILL"), 5_000);
    await new Promise((r) => server.once("exit", r));
    clearTimeout(killer);
  }
  await run.sim?.close().catch(() => {});
  process.exit(code);
}

interface EzeepTarget {
  real: boolean;
  clientId: string;
  clientSecret: string;
  accountUrl: string;
  apiUrl: string;
  organizationId?: string;
}

/** ezeep: the real one when credentials are given, else the simulator. */
async function chooseEzeep(run: Running, secrets: DemoSecrets, redirectUris: string[]): Promise<EzeepTarget> {
  if (process.env.EZEEP_CLIENT_ID && process.env.EZEEP_CLIENT_SECRET) {
    const accountUrl = process.env.EZEEP_ACCOUNT_URL || "https://account.ezeep.com";
    log(`using the real ezeep at ${accountUrl} (EZEEP_CLIENT_ID is set)`);
    return {
      real: true,
      clientId: process.env.EZEEP_CLIENT_ID,
      clientSecret: process.env.EZEEP_CLIENT_SECRET,
      accountUrl,
      apiUrl: process.env.EZEEP_API_URL || "https://api2.ezeep.com",
      organizationId: process.env.EZEEP_ORGANIZATION_ID || undefined,
    };
  }
  const sim = await startDemoSimulator(secrets, redirectUris);
  run.sim = sim;
  log(`simulated ezeep: account ${sim.accountUrl}, api ${sim.apiUrl}`);
  return {
    real: false,
    clientId: secrets.SIMULATOR_CLIENT_ID,
    clientSecret: secrets.SIMULATOR_CLIENT_SECRET,
    accountUrl: sim.accountUrl,
    apiUrl: sim.apiUrl,
    organizationId: sim.organizationId,
  };
}

/** Database: migrate (the organization and the first owner are audited: they need the chain key). */
async function migrateDatabase(databaseUrl: string, secrets: DemoSecrets): Promise<void> {
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
}

/**
 * The first owner, created only while there is no admin; the banner shows its password while
 * it is still valid. email "" = the demo owner does not exist (other admins do).
 */
async function firstOwner(
  organizationId: string,
  secrets: DemoSecrets,
  secretsFile: string,
): Promise<{ email: string; password: string | null }> {
  const { countAdmins, createAdmin } = await import("@/lib/admins/service");
  const { generatePassword, verifyPassword } = await import("@/lib/auth/password");
  const { db } = await import("@/lib/db");
  try {
    const admins = await countAdmins();
    if (admins === 0) {
      const password = generatePassword();
      await createAdmin({
        email: FIRST_ADMIN_EMAIL,
        name: "Demo Owner",
        password,
        roles: [{ organizationId, role: "owner" }],
        portalAdmin: true,
      });
      saveSecrets(secretsFile, { ...secrets, FIRST_ADMIN_PASSWORD: password });
      log(`created the first owner ${FIRST_ADMIN_EMAIL}`);
      return { email: FIRST_ADMIN_EMAIL, password };
    }
    log(
      `${admins === 1 ? "1 admin exists" : `${admins} admins exist`} already: no admin created (add one with \`npm run admin:create -- --email you@example.com --name "Your Name" --role owner\`)`,
    );
    const first = await db.admin.findUnique({ where: { email: FIRST_ADMIN_EMAIL } });
    if (!first) return { email: "", password: null };
    const stillValid =
      secrets.FIRST_ADMIN_PASSWORD &&
      (await verifyPassword(secrets.FIRST_ADMIN_PASSWORD, first.passwordHash));
    return { email: FIRST_ADMIN_EMAIL, password: stillValid ? secrets.FIRST_ADMIN_PASSWORD! : null };
  } finally {
    await db.$disconnect();
  }
}

/** The Next.js server's environment; NODE_ENV left out: next picks production (build/start) or development (dev). */
function portalEnv(p: {
  url: string;
  databaseUrl: string;
  redirectUri: string;
  secrets: DemoSecrets;
  ezeep: EzeepTarget;
  sim: Simulated | null;
}): NodeJS.ProcessEnv {
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  return {
    ...inherited,
    DATABASE_URL: p.databaseUrl,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || p.url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || p.secrets.NEXTAUTH_SECRET,
    PORTAL_ENCRYPTION_KEY: process.env.PORTAL_ENCRYPTION_KEY || p.secrets.PORTAL_ENCRYPTION_KEY,
    AUDIT_CHAIN_KEY: process.env.AUDIT_CHAIN_KEY || p.secrets.AUDIT_CHAIN_KEY,
    EZEEP_CLIENT_ID: p.ezeep.clientId,
    EZEEP_CLIENT_SECRET: p.ezeep.clientSecret,
    EZEEP_ACCOUNT_URL: p.ezeep.accountUrl,
    EZEEP_API_URL: p.ezeep.apiUrl,
    EZEEP_ORGANIZATION_ID: p.ezeep.organizationId ?? "",
    EZEEP_REDIRECT_URI: p.redirectUri,
    ...(p.sim ? { PORTAL_SIMULATOR_CONTROL: p.sim.accountUrl } : {}),
    NEXT_TELEMETRY_DISABLED: "1",
  } as unknown as NodeJS.ProcessEnv;
}

async function buildWhenStale(run: Running, next: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!buildIsStale()) {
    log("the production build in .next is up to date");
    return;
  }
  log("building the portal (next build; sources are newer than the last build)…");
  const code = await runToEnd(next, ["build"], env);
  if (code !== 0) {
    await run.sim?.close();
    throw new Error(`next build failed (exit ${code})`);
  }
}

async function startServer(
  run: Running,
  mode: "demo" | "dev",
  next: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<void> {
  const server = spawn(next, [mode === "demo" ? "start" : "dev", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  run.server = server;
  server.once("exit", (code) => {
    if (!run.stopping) {
      log(`the Next.js server exited (${code ?? "signal"})`);
      void stopAll(run, code ?? 1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/auth/csrf`, server, mode === "demo" ? 60_000 : 180_000);
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
