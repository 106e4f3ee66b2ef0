// Operations: liveness/readiness (database, each organization's ezeep), Prometheus metrics behind
// METRICS_TOKEN with the counters other modules feed, and log redaction.
import { Writable } from "node:stream";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { authenticateAdmin } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { resetReadinessCache } from "@/lib/observability/health";
import { createLogger, maskUrlPassword } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";
import { portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const previousToken = process.env.METRICS_TOKEN;

function scrape(token?: string) {
  return metricsRoute(
    new Request(
      "http://portal.test/api/metrics",
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    ),
  );
}

describe("health", () => {
  const sim = useSimulator();
  beforeAll(() => portalOrganization(sim().organizationId));
  afterAll(() => sim().faults.clear());

  it("liveness answers without touching anything", async () => {
    const res = live();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("readiness: database and each organization's ezeep; ezeep down means 503", async () => {
    resetReadinessCache();
    const ok = await ready();
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ status: "ready", database: "ok", setup: "pending" });
    expect(body.organizations).toEqual([
      expect.objectContaining({ name: "Acme Corp", connection: "client_credentials", ezeep: "ok" }),
    ]);

    sim().faults.add({ path: "/printing/v1/groups/", kind: "status", status: 503 });
    resetReadinessCache();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: "not_ready",
      organizations: [expect.objectContaining({ ezeep: "unreachable", detail: "ezeep answered 503" })],
    });
    sim().faults.clear();
  });

  it("readiness reports a refused token", async () => {
    const saved = process.env.EZEEP_CLIENT_SECRET;
    try {
      process.env.EZEEP_CLIENT_SECRET = "wrong-secret";
      const org = await db.organization.findFirstOrThrow();
      const { forgetEzeepClient } = await import("@/lib/organizations/service");
      forgetEzeepClient(org.id);
      resetReadinessCache();
      const res = await ready();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.organizations[0].ezeep).toBe("token_refused");
      expect(JSON.stringify(body)).not.toContain("wrong-secret");
      forgetEzeepClient(org.id);
    } finally {
      process.env.EZEEP_CLIENT_SECRET = saved;
    }
  });
});

describe("metrics", () => {
  const sim = useSimulator();
  afterAll(() => {
    if (previousToken === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = previousToken;
  });

  it("is off without METRICS_TOKEN and refuses (and audits) a missing or wrong token", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await scrape(METRICS_TOKEN)).status).toBe(404);
    process.env.METRICS_TOKEN = METRICS_TOKEN;
    expect((await scrape()).status).toBe(401);
    expect((await scrape("not-the-token")).status).toBe(401);
    const refusals = await db.auditEntry.findMany({
      where: { action: "metrics.read" },
      orderBy: { id: "asc" },
    });
    expect(refusals.map((e) => [e.outcome, e.error])).toEqual([
      ["failure", "no token"],
      ["failure", "wrong token"],
    ]);
  });

  it("counts ezeep requests, token requests, audit entries and sign-in failures", async () => {
    process.env.METRICS_TOKEN = METRICS_TOKEN;
    const org = await portalOrganization(sim().organizationId);
    await ezeepFor(org).groups.list({ limit: 1 });
    expect(
      await authenticateAdmin({ email: "nobody@example.com", password: "wrong", ip: null, userAgent: null }),
    ).toBeNull();

    const res = await scrape(METRICS_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    const apiHost = new URL(sim().apiUrl).host;
    expect(text).toMatch(
      new RegExp(
        `portal_ezeep_request_duration_seconds_count\\{host="${apiHost}",method="GET",status="200"\\} [1-9]`,
      ),
    );
    expect(text).toMatch(/portal_ezeep_token_requests_total\{outcome="success"\} [1-9]/);
    expect(text).toMatch(/portal_audit_entries_total\{outcome="failure"\} [1-9]/);
    expect(text).toMatch(/portal_sign_in_failures_total\{reason="credentials"\} [1-9]/);
    expect(text).toContain("portal_process_resident_memory_bytes");
    expect(text).not.toContain(METRICS_TOKEN);
  });

  it("counts throttling waits (429 with Retry-After)", async () => {
    const org = await portalOrganization(sim().organizationId);
    sim().faults.add({ path: "/printing/v1/printers/", kind: "rate_limit", retryAfter: 0.05, times: 1 });
    await ezeepFor(org).printers.list({ limit: 1 });
    const text = await (await scrape(METRICS_TOKEN)).text();
    expect(text).toMatch(/portal_ezeep_throttle_waits_total\{host="[^"]+"\} [1-9]/);
  });
});

describe("logs", () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, logger: createLogger({ pretty: false, level: "info", destination }) };
  }

  it("writes JSON lines with the request id and redacts secrets", () => {
    const { lines, logger } = capture();
    logger.child({ requestId: "req-42" }).info(
      {
        password: "hunter2-password",
        client_secret: "s3cret-value",
        headers: { authorization: "Bearer tok-abc", cookie: "session=xyz" },
        nested: { refreshToken: "rt-123" },
      },
      "something happened",
    );
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: "info", msg: "something happened", requestId: "req-42" });
    const text = lines.join("");
    for (const secret of ["hunter2-password", "s3cret-value", "tok-abc", "session=xyz", "rt-123"])
      expect(text).not.toContain(secret);
    expect(entry.password).toBe("[redacted]");
  });

  it("masks the password of a database URL", () => {
    expect(maskUrlPassword("postgresql://portal:pa55@db.example.com:5432/portal")).toBe(
      "postgresql://portal:***@db.example.com:5432/portal",
    );
    expect(maskUrlPassword("file:./data/portal.db")).toBe("file:./data/portal.db");
  });
});
