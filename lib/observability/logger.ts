// Structured logs (pino): one JSON object per line in production, readable colourised lines in
// development (LOG_FORMAT=pretty|json overrides; LOG_LEVEL sets the level, default info).
// Secrets never reach a log line: the fields below are redacted wherever they appear, and errors
// are logged through `err` (pino's serializer: type, message, stack — no request bodies).
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

import { env } from "@/lib/env";

/** Field names whose values are replaced by "[redacted]" at the top level and one level down. */
const SECRET_FIELDS = [
  "password",
  "passwordHash",
  "secret",
  "clientSecret",
  "client_secret",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "authorization",
  "cookie",
  "setupCode",
  "NEXTAUTH_SECRET",
  "PORTAL_ENCRYPTION_KEY",
  "EZEEP_CLIENT_SECRET",
  "METRICS_TOKEN",
];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  'headers["authorization"]',
  'headers["cookie"]',
];

/** Replaces the password of a URL such as postgresql://user:secret@host/db by "***". */
export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@/\s]*@/i, "$1:***@");
}

export function createLogger(
  opts: { level?: string; pretty?: boolean; destination?: NodeJS.WritableStream } = {},
): Logger {
  const vars = env();
  const level = opts.level ?? vars.LOG_LEVEL;
  const usePretty =
    opts.pretty ?? (vars.LOG_FORMAT ? vars.LOG_FORMAT === "pretty" : vars.NODE_ENV === "development");
  const options = {
    level,
    base: { service: "ezeep-admin-portal" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // pino-pretty as an in-process stream (no worker thread, which Next.js bundling cannot follow).
  if (usePretty)
    return pino(options, pretty({ colorize: true, sync: true, destination: opts.destination ?? 1 }));
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

const globalLogger = globalThis as unknown as { __portalLogger?: Logger };

/** The process-wide logger; `logger.child({ requestId })` for request-scoped lines. */
export function log(): Logger {
  return (globalLogger.__portalLogger ??= createLogger());
}

/** A logger for one module or job: every line carries `module`. */
export function moduleLogger(module: string, fields: Record<string, unknown> = {}): Logger {
  return log().child({ module, ...fields });
}
