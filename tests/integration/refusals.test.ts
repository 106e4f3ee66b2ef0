// Refused attempts on record, bounded: attempted input capped at 8 KB with size and hash of the
// whole, and unauthenticated failures aggregated per source and minute.
import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  aggregateTemplate,
  boundedInput,
  flushFailureWindows,
  MAX_ATTEMPT_BYTES,
  recordUnauthenticatedFailure,
} from "@/lib/audit/refusals";
import type { AuditRecord } from "@/lib/audit/service";
import { db } from "@/lib/db";

const failure = (ip: string): AuditRecord => ({
  organizationId: null,
  actor: { type: "api_token", id: null, label: "(invalid API token)", ip },
  action: "ndd.groups_users",
  target: { type: "api" },
  outcome: "failure",
  error: "invalid or revoked API token",
});

describe("bounded attempted input", () => {
  it("keeps small input whole and redacts secrets", () => {
    expect(boundedInput({ name: "x", password: "hunter2", nested: { token: "t" } })).toEqual({
      attemptedInput: { name: "x", password: "[redacted]", nested: { token: "[redacted]" } },
    });
    expect(boundedInput(undefined)).toBeUndefined();
  });

  it("stores 900 KB as at most 8 KB with the size and sha256 of the whole", () => {
    const raw = { description: "x".repeat(900_000) };
    const bounded = boundedInput(raw);
    const whole = JSON.stringify(raw);
    expect(bounded).toMatchObject({
      truncated: true,
      size: whole.length,
      sha256: createHash("sha256").update(whole).digest("hex"),
    });
    expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThanOrEqual(MAX_ATTEMPT_BYTES);
  });
});

describe("unauthenticated failures", () => {
  it("writes one entry for the first failure of a minute per source and one count for the rest", async () => {
    const minute = new Date("2031-03-01T10:00:00Z");
    const at = (s: number) => new Date(minute.getTime() + s * 1000);
    const written = [];
    for (let i = 0; i < 50; i++)
      written.push(await recordUnauthenticatedFailure("api_token", "10.5.0.1", failure("10.5.0.1"), at(i)));
    // Another source in the same minute gets its own first entry.
    written.push(await recordUnauthenticatedFailure("api_token", "10.5.0.2", failure("10.5.0.2"), at(30)));
    expect(written.filter(Boolean)).toHaveLength(2);
    const entries = () =>
      db.auditEntry.findMany({ where: { action: "ndd.groups_users" }, orderBy: { id: "asc" } });
    expect(await entries()).toHaveLength(2);

    // Once the minute is over the 49 others become one entry with their count.
    await flushFailureWindows(aggregateTemplate, at(61));
    const all = await entries();
    expect(all).toHaveLength(3);
    expect(JSON.parse(all[2].after!)).toMatchObject({ aggregated: true, count: 49 });
    expect(all[2]).toMatchObject({ ip: "10.5.0.1", outcome: "failure", organizationId: null });
    // Flushing again writes nothing more.
    await flushFailureWindows(aggregateTemplate, at(120));
    expect(await entries()).toHaveLength(3);

    // The next minute from the same source starts over with its own entry.
    expect(await recordUnauthenticatedFailure("api_token", "10.5.0.1", failure("10.5.0.1"), at(125))).toBe(
      true,
    );
  });
});
