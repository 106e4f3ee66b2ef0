// The one place the portal reads its environment (ESLint forbids `process.env` elsewhere in app/
// and lib/). Every variable is declared once below with its type, default and a hint that says how
// to fix a bad value; `env()` parses lazily (and again whenever the variables change, so tests can
// set them per case), and instrumentation.ts calls `assertValidEnv()` at server start so a broken
// configuration refuses to start instead of answering 500 later.
//
// Adding a variable: add one entry to `schema` (preprocess with `text`, `integer`, `url`, …, and
// give it a `.default()` or `.optional()`), read it as `env().NAME`, and list it in .env.example and
// the README's configuration table. Rules that depend on the mode (e.g. required in production) go
// in `productionRules`.
//
// Server code only. Not marked with `import "server-only"` because the CLI scripts, the vitest and
// Playwright setups import it too (through lib/db) without the react-server condition; the guard
// below stops a browser bundle from ever evaluating it, and Next.js never inlines these variables
// into client code (none is NEXT_PUBLIC_).
import { isIP } from "node:net";

import { z } from "zod";

if (typeof window !== "undefined") throw new Error("lib/env.ts is server-only");

export const DEFAULT_DATABASE_URL = "file:./data/portal.db";

/** Empty or blank values count as "not set" (service managers and the demo pass `VAR=`). */
const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Wraps a variable's schema so that a blank value gets its default / counts as missing. */
const variable = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema);

const text = () => z.string().trim();

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const positiveNumber = () => z.coerce.number({ error: "must be a number" }).positive("must be above 0");

const httpUrl = () =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), {
      error: "must be an http(s) URL such as https://portal.example.com",
    })
    .transform((v) => v.replace(/\/+$/, ""));

/** `file:<path>` (SQLite) or `postgres[ql]://user:password@host:port/database`. */
const databaseUrl = variable(
  z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((v, ctx) => {
      if (v.startsWith("file:")) {
        if (v.length <= "file:".length) ctx.addIssue({ code: "custom", message: "names no SQLite file" });
        return;
      }
      if (/^postgres(ql)?:\/\//.test(v)) {
        if (!URL.canParse(v) || !new URL(v).hostname)
          ctx.addIssue({ code: "custom", message: "is not a valid postgresql://user:password@host/db URL" });
        return;
      }
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1];
      ctx.addIssue({
        code: "custom",
        message: `${scheme ? `has the unknown scheme "${scheme}:"` : "has no scheme"}; use file:./data/portal.db (SQLite) or postgresql://user:password@host:5432/portal`,
      });
    }),
);

const MIN_SECRET_LENGTH = 32;
const PLACEHOLDER = /^(replace|change)[-_]?(me|with)/i;

const nextAuthSecret = text()
  .refine((v) => v.length >= MIN_SECRET_LENGTH, {
    error: `is too short (at least ${MIN_SECRET_LENGTH} characters); make one with: openssl rand -base64 32`,
  })
  .refine((v) => !PLACEHOLDER.test(v), {
    error: "is still the placeholder from .env.example; make one with: openssl rand -base64 32",
  })
  .optional();

/** 32 random bytes, base64 (AES-256-GCM key for stored refresh tokens; lib/crypto.ts). */
const encryptionKey = text()
  .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32, {
    error: "must be 32 random bytes, base64-encoded; make one with: openssl rand -base64 32",
  })
  .optional();

const reminderDays = variable(
  z
    .string()
    .default("3,7")
    .transform((raw, ctx) => {
      const parts = raw.split(/[\s,;]+/).filter(Boolean);
      const days = parts.map(Number);
      if (days.some((d) => !Number.isFinite(d) || d <= 0)) {
        ctx.addIssue({ code: "custom", message: 'must be a list of days above 0, such as "3,7"' });
        return z.NEVER;
      }
      return [...new Set(days)].sort((a, b) => a - b);
    }),
);

const schema = z.object({
  NODE_ENV: variable(z.enum(["development", "production", "test"]).default("development")),

  // Database and sessions
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: variable(httpUrl().optional()),
  NEXTAUTH_SECRET: variable(nextAuthSecret),
  PORTAL_ENCRYPTION_KEY: variable(encryptionKey),

  // ezeep (docs/ezeep.md)
  EZEEP_CLIENT_ID: variable(text().optional()),
  EZEEP_CLIENT_SECRET: variable(text().optional()),
  EZEEP_ACCOUNT_URL: variable(httpUrl().default("https://account.ezeep.com")),
  EZEEP_API_URL: variable(httpUrl().default("https://api2.ezeep.com")),
  EZEEP_ORGANIZATION_ID: variable(text().optional()),
  EZEEP_ORGANIZATION_NAME: variable(text().optional()),
  EZEEP_TIMEOUT_MS: variable(integer(1, 600_000).default(15_000)),
  EZEEP_REDIRECT_URI: variable(httpUrl().default("http://localhost:3000/code")),
  EZEEP_MAX_CONCURRENCY: variable(integer(1, 64).default(8)),

  // Invitations (lib/invitations/config.ts)
  INVITATION_DEFAULT_EXPIRY_DAYS: variable(integer(1, 365).default(14)),
  INVITATION_RESEND_COOLDOWN_MINUTES: variable(integer(0, 7 * 24 * 60).default(60)),
  INVITATION_SYNC_INTERVAL_MS: variable(integer(1_000).default(300_000)),
  INVITATION_REMINDER_DAYS: reminderDays,
  INVITATION_MAX_REMINDERS: variable(integer(0, 20).default(2)),

  // Audit log and background jobs
  AUDIT_RETENTION_DAYS: variable(integer(1).default(365)),
  AUDIT_DRIFT_INTERVAL_MINUTES: variable(positiveNumber().default(15)),
  PORTAL_JOBS: variable(z.enum(["on", "off"]).default("on")),

  // Operations (lib/observability)
  METRICS_TOKEN: variable(
    text()
      .refine((v) => v.length >= 16, { error: "is too short (at least 16 characters); openssl rand -hex 24" })
      .optional(),
  ),
  LOG_LEVEL: variable(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  LOG_FORMAT: variable(z.enum(["json", "pretty"]).optional()),

  // Sessions, trusted proxies (lib/auth/config.ts)
  SESSION_IDLE_MINUTES: variable(integer(1, 7 * 24 * 60).default(30)),
  SESSION_MAX_HOURS: variable(integer(1, 30 * 24).default(12)),
  TRUSTED_PROXIES: variable(
    z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((ip) => isIP(ip) !== 0), "must list IP addresses, separated by commas"),
  ),

  // Audit chain key and checkpoints (lib/audit/link.ts, lib/audit/checkpoint.ts)
  AUDIT_CHAIN_KEY: variable(
    text()
      .refine((v) => Buffer.from(v, "base64").length >= 32, {
        error: "must be 32 or more random bytes, base64-encoded (openssl rand -base64 32)",
      })
      .optional(),
  ),
  AUDIT_CHECKPOINT_SIGNING_KEY: variable(text().optional()),
  AUDIT_CHECKPOINT_PUBLIC_KEY: variable(text().optional()),

  // Jobs across instances (lib/jobs/runner.ts) and the shared users directory
  PORTAL_INSTANCE_NAME: variable(text().optional()),
  JOB_HEARTBEAT_MS: variable(integer(100).default(2_000)),
  JOB_STALE_MS: variable(integer(500).default(10_000)),
  JOB_POLL_MS: variable(integer(100).default(5_000)),
  USERS_DIRECTORY_REFRESH_SECONDS: variable(integer(1).default(60)),

  // Single sign-on (lib/auth/sso/config.ts) and domain rules (lib/domain-rules/job.ts)
  OIDC_ISSUER: variable(httpUrl().optional()),
  OIDC_CLIENT_ID: variable(text().optional()),
  OIDC_CLIENT_SECRET: variable(text().optional()),
  OIDC_NAME: variable(text().optional()),
  OIDC_GROUPS_CLAIM: variable(text().optional()),
  OIDC_JIT_ROLE_MAP: variable(text().optional()),
  PORTAL_PASSWORD_SIGNIN: variable(z.enum(["force-on"]).optional()),
  DOMAIN_RULES_SCAN_INTERVAL_MS: variable(integer(1_000).default(300_000)),

  // Demo only: the simulator's control API (lib/provisioning/azure.ts)
  PORTAL_SIMULATOR_CONTROL: variable(httpUrl().optional()),
});

export type Env = z.output<typeof schema>;
export type EnvVariable = keyof Env;
export const ENV_VARIABLES = Object.keys(schema.shape) as EnvVariable[];

export interface EnvProblem {
  variable: string;
  message: string;
}

/** Variables that a production server cannot run without. */
function productionRules(parsed: Env): EnvProblem[] {
  const problems: EnvProblem[] = [];
  if (!parsed.NEXTAUTH_SECRET) {
    problems.push({
      variable: "NEXTAUTH_SECRET",
      message: "is not set; it signs the session cookies. Make one with: openssl rand -base64 32",
    });
  }
  return problems;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: EnvProblem[] };

/**
 * Parses a map of variables. `production` adds the variables a production server requires
 * (default: when NODE_ENV is "production").
 */
export function parseEnv(
  raw: Readonly<Record<string, string | undefined>>,
  opts: { production?: boolean } = {},
): EnvResult {
  const result = schema.safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    };
  }
  const production = opts.production ?? result.data.NODE_ENV === "production";
  const problems = production ? productionRules(result.data) : [];
  return problems.length ? { ok: false, problems } : { ok: true, env: result.data };
}

export function formatEnvProblems(problems: EnvProblem[]): string {
  const lines = problems.map((p) => `  - ${p.variable} ${p.message}`);
  return `The portal's configuration is invalid:\n${lines.join("\n")}\nSee .env.example and the README's Configuration section.`;
}

export class EnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(formatEnvProblems(problems));
    this.name = "EnvError";
  }
}

// Cache keyed by the raw values, so a change of process.env (tests) is seen on the next call.
let cached: { key: string; env: Env } | null = null;

function fingerprint(raw: NodeJS.ProcessEnv): string {
  return JSON.stringify(ENV_VARIABLES.map((name) => raw[name] ?? null));
}

/** The validated configuration; throws EnvError naming every bad variable. */
export function env(): Env {
  const raw = process.env;
  const key = fingerprint(raw);
  if (cached?.key === key) return cached.env;
  // Request-time reads never apply the production rules: assertValidEnv() did at start.
  const result = parseEnv(raw, { production: false });
  if (!result.ok) throw new EnvError(result.problems);
  cached = { key, env: result.env };
  return result.env;
}

/** Validates the environment at server start (instrumentation.ts); throws EnvError. */
export function assertValidEnv(raw: NodeJS.ProcessEnv = process.env): Env {
  const result = parseEnv(raw);
  if (!result.ok) throw new EnvError(result.problems);
  return result.env;
}

/**
 * The raw variables, for the few parsers that take a plain map so tests can hand them their own
 * (lib/ezeep's `ezeepConfigFromEnv`). Everything else reads `env()`.
 */
export function rawEnv(): NodeJS.ProcessEnv {
  return process.env;
}
