// lib/env.ts: every failure names the variable and says how to fix it; defaults and types.
import { describe, expect, it } from "vitest";

import { env, EnvError, formatEnvProblems, parseEnv } from "@/lib/env";

const SECRET = "x".repeat(43);
const KEY = Buffer.alloc(32, 7).toString("base64");

function problemsOf(raw: Record<string, string | undefined>) {
  const result = parseEnv(raw);
  if (result.ok) throw new Error("expected the environment to be refused");
  return result.problems;
}

describe("parseEnv", () => {
  it("gives every variable its default", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.DATABASE_URL).toBe("file:./data/portal.db");
    expect(result.env.EZEEP_ACCOUNT_URL).toBe("https://account.ezeep.com");
    expect(result.env.EZEEP_TIMEOUT_MS).toBe(15_000);
    expect(result.env.EZEEP_MAX_CONCURRENCY).toBe(8);
    expect(result.env.INVITATION_REMINDER_DAYS).toEqual([3, 7]);
    expect(result.env.AUDIT_RETENTION_DAYS).toBe(365);
    expect(result.env.PORTAL_JOBS).toBe("on");
    expect(result.env.LOG_LEVEL).toBe("info");
  });

  it("types and normalizes values; blank counts as unset", () => {
    const result = parseEnv({
      EZEEP_TIMEOUT_MS: "2500",
      EZEEP_API_URL: "http://127.0.0.1:4011/",
      EZEEP_ORGANIZATION_ID: "",
      INVITATION_REMINDER_DAYS: "7, 3 7",
      DATABASE_URL: "postgresql://portal:pw@db.example.com:5432/portal",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.EZEEP_TIMEOUT_MS).toBe(2500);
    expect(result.env.EZEEP_API_URL).toBe("http://127.0.0.1:4011");
    expect(result.env.EZEEP_ORGANIZATION_ID).toBeUndefined();
    expect(result.env.INVITATION_REMINDER_DAYS).toEqual([3, 7]);
  });

  it("production refuses to start without NEXTAUTH_SECRET, naming it and how to make one", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toHaveLength(1);
    expect(problems[0].variable).toBe("NEXTAUTH_SECRET");
    expect(formatEnvProblems(problems)).toContain("NEXTAUTH_SECRET is not set");
    expect(formatEnvProblems(problems)).toContain("openssl rand -base64 32");
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }).ok).toBe(true);
    // Outside production the secret may be missing (the demo and tests generate one).
    expect(parseEnv({ NODE_ENV: "development" }).ok).toBe(true);
  });

  it.each([
    ["NEXTAUTH_SECRET", "short", "too short"],
    ["NEXTAUTH_SECRET", "replace-with-32-random-bytes-xxxxxxxxxxxx", "placeholder"],
    ["PORTAL_ENCRYPTION_KEY", Buffer.alloc(16).toString("base64"), "32 random bytes"],
    ["PORTAL_ENCRYPTION_KEY", "not base64 at all!", "32 random bytes"],
    ["NEXTAUTH_URL", "portal.example.com", "http(s) URL"],
    ["EZEEP_ACCOUNT_URL", "ftp://account.ezeep.com", "http(s) URL"],
    ["EZEEP_REDIRECT_URI", "http//broken", "http(s) URL"],
    ["DATABASE_URL", "mysql://u:p@h/db", 'unknown scheme "mysql:"'],
    ["DATABASE_URL", "./data/portal.db", "has no scheme"],
    ["DATABASE_URL", "postgresql://", "not a valid postgresql"],
    ["EZEEP_TIMEOUT_MS", "fast", "must be a number"],
    ["EZEEP_MAX_CONCURRENCY", "100", "at most 64"],
    ["INVITATION_MAX_REMINDERS", "1.5", "whole number"],
    ["INVITATION_REMINDER_DAYS", "3,soon", "list of days"],
    ["PORTAL_JOBS", "maybe", ""],
    ["METRICS_TOKEN", "abc", "too short"],
    ["LOG_LEVEL", "loud", ""],
  ])("%s=%j is refused with a message naming it", (variable, value, words) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    const text = formatEnvProblems(problems);
    expect(text).toContain(`- ${variable} `);
    expect(text).toContain(words);
  });

  it("reports every bad variable at once", () => {
    const problems = problemsOf({
      DATABASE_URL: "mongodb://x",
      EZEEP_API_URL: "nope",
      PORTAL_ENCRYPTION_KEY: KEY.slice(2),
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      "DATABASE_URL",
      "EZEEP_API_URL",
      "PORTAL_ENCRYPTION_KEY",
    ]);
  });

  it("accepts a real key and secret", () => {
    expect(parseEnv({ PORTAL_ENCRYPTION_KEY: KEY, NEXTAUTH_SECRET: SECRET }, { production: true }).ok).toBe(
      true,
    );
  });
});

describe("env()", () => {
  it("sees changes of process.env and throws EnvError naming the variable", () => {
    const saved = process.env.EZEEP_MAX_CONCURRENCY;
    try {
      process.env.EZEEP_MAX_CONCURRENCY = "3";
      expect(env().EZEEP_MAX_CONCURRENCY).toBe(3);
      process.env.EZEEP_MAX_CONCURRENCY = "zero";
      expect(() => env()).toThrow(EnvError);
      expect(() => env()).toThrow(/EZEEP_MAX_CONCURRENCY must be a number/);
    } finally {
      if (saved === undefined) delete process.env.EZEEP_MAX_CONCURRENCY;
      else process.env.EZEEP_MAX_CONCURRENCY = saved;
    }
    expect(env().EZEEP_MAX_CONCURRENCY).toBe(saved ? Number(saved) : 8);
  });
});
