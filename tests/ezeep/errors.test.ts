import { describe, expect, it } from "vitest";

import {
  describeErrorBody,
  EzeepError,
  httpError,
  isUnknownOutcome,
  malformedError,
  networkError,
  redactSecrets,
  timeoutError,
} from "@/lib/ezeep/errors";

const base = { method: "POST", path: "/printing/v1/groups/" };
const read = { method: "GET", path: "/printing/v1/groups/" };

describe("error mapping from ezeep bodies (§2.5)", () => {
  it("uses DRF `detail`", () => {
    const e = httpError({
      ...base,
      status: 403,
      body: { detail: "You do not have permission to perform this action." },
    });
    expect(e).toBeInstanceOf(EzeepError);
    expect(e.kind).toBe("http");
    expect(e.status).toBe(403);
    expect(e.message).toBe("You do not have permission to perform this action.");
    expect(e.method).toBe("POST");
    expect(e.path).toBe("/printing/v1/groups/");
  });

  it("turns DRF field maps into `Field: message` (field names in words) and keeps fieldErrors", () => {
    const e = httpError({ ...base, status: 400, body: { name: ["This field may not be blank."] } });
    expect(e.message).toBe("Name: This field may not be blank.");
    expect(e.fieldErrors).toEqual({ name: ["This field may not be blank."] });
  });

  it("joins several fields and flattens nested errors", () => {
    const e = httpError({
      ...base,
      status: 400,
      body: { name: ["Too long.", "Bad."], groups: [{}, { group_id: ["Unknown group."] }] },
    });
    expect(e.fieldErrors).toEqual({ name: ["Too long.", "Bad."], "groups.1.group_id": ["Unknown group."] });
    expect(e.message).toBe("Name: Too long. Bad. Groups #2 group id: Unknown group.");
  });

  it("uses non_field_errors without a field prefix", () => {
    const e = httpError({
      ...base,
      status: 400,
      body: { non_field_errors: ["A group with this name already exists."] },
    });
    expect(e.message).toBe("A group with this name already exists.");
    expect(e.fieldErrors).toBeUndefined();
  });

  it("maps OAuth errors from the token endpoint to kind auth", () => {
    const e = httpError({
      method: "POST",
      path: "/oauth/access_token/",
      status: 401,
      body: { error: "invalid_client", error_description: "Client authentication failed." },
      tokenEndpoint: true,
    });
    expect(e.kind).toBe("auth");
    expect(e.code).toBe("invalid_client");
    expect(e.message).toMatch(/rejected the portal's credentials/);
    expect(e.message).toMatch(/Client authentication failed/);
  });

  it("describes an OAuth error without description", () => {
    expect(describeErrorBody({ error: "invalid_grant" })).toEqual({
      message: "invalid_grant",
      code: "invalid_grant",
    });
  });

  it("uses plain text bodies, but not HTML error pages", () => {
    expect(httpError({ ...base, status: 400, body: "Bad things happened" }).message).toBe(
      "Bad things happened",
    );
    const e = httpError({ ...read, status: 502, body: "<html><body>Bad gateway</body></html>" });
    expect(e.message).toBe("ezeep is unavailable (HTTP 502), try again in a moment.");
  });

  it("parses JSON given as text", () => {
    expect(describeErrorBody('{"detail":"Nope."}').message).toBe("Nope.");
  });

  it("has sensible defaults per status", () => {
    const m = (status: number, body: unknown = null, retryAfterMs?: number) =>
      httpError({ ...read, status, body, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    expect(m(401).message).toMatch(/^ezeep rejected the portal's credentials/);
    expect(m(401).kind).toBe("auth");
    expect(m(401, { detail: "Authentication credentials were not provided." }).message).toMatch(
      /^ezeep rejected the portal's credentials\. Check/,
    );
    expect(m(403).message).toMatch(/permission/);
    expect(m(404).message).toMatch(/not found in ezeep/);
    expect(m(404, { detail: "Not found." }).message).toMatch(/not found in ezeep/);
    expect(m(404, { detail: "No Group matches the given query." }).message).toBe(
      "No Group matches the given query.",
    );
    expect(m(429).message).toMatch(/^ezeep is rate-limiting/);
    expect(m(429, null, 5000).message).toMatch(/try again in 5 s/);
    expect(m(503).message).toBe("ezeep is unavailable (HTTP 503), try again in a moment.");
    expect(m(503, { detail: "Maintenance" }).message).toBe(
      "ezeep is unavailable (HTTP 503), try again in a moment. (Maintenance)",
    );
    expect(m(400).message).toBe("ezeep rejected the request as invalid.");
  });

  it("timeout, network and malformed messages", () => {
    const t = timeoutError("GET", "/printing/v1/groups/", 1500);
    expect(t.kind).toBe("timeout");
    expect(t.status).toBeNull();
    expect(t.message).toMatch(/ezeep did not answer within 1\.5 s/);
    expect(t.transient).toBe(true);

    const cause = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const n = networkError("GET", "/v1/users/", "127.0.0.1:1", cause);
    expect(n.kind).toBe("network");
    expect(n.message).toMatch(/Could not reach ezeep at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);

    const m = malformedError("GET", "/v1/users/", "results.0.id: expected string");
    expect(m.kind).toBe("malformed");
    expect(m.status).toBeNull();
    expect(m.message).toMatch(/^ezeep sent a response the portal could not read/);
  });

  it("never includes tokens or secrets in messages", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eHh4eHh4In0.c2lnbmF0dXJlc2lnbmF0dXJl";
    const e = httpError({
      ...base,
      status: 400,
      body: {
        detail: `Token ${jwt} invalid; Authorization: Bearer abcdefghijklmnop; client_secret=hunter2hunter2`,
      },
    });
    expect(e.message).not.toContain(jwt);
    expect(e.message).not.toContain("abcdefghijklmnop");
    expect(e.message).not.toContain("hunter2hunter2");
    expect(redactSecrets("Basic dXNlcjpwYXNzd29yZA==")).toBe("Basic [redacted]");
    expect(JSON.stringify(e)).not.toContain(jwt);
  });

  it("truncates very long texts", () => {
    const e = httpError({ ...base, status: 400, body: "x".repeat(5000) });
    expect(e.message.length).toBeLessThanOrEqual(300);
  });
});

describe("unknown outcomes: a write whose answer was lost", () => {
  const write = (method: string) => ({ method, path: "/printing/v1/groups/x/" });

  it("is unknown after a timeout, a dropped connection or a gateway's 502/503/504, for every write method", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isUnknownOutcome(timeoutError(method, "/p/", 1000))).toBe(true);
      const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
      expect(isUnknownOutcome(networkError(method, "/p/", "api", reset))).toBe(true);
      for (const status of [502, 503, 504])
        expect(isUnknownOutcome(httpError({ ...write(method), status, body: null }))).toBe(true);
    }
    expect(httpError({ ...write("POST"), status: 504, body: null }).message).toBe(
      "ezeep's gateway answered HTTP 504 instead of ezeep; the change may have been applied.",
    );
    expect(timeoutError("PATCH", "/p/", 2000).message).toMatch(/may have been applied/);
  });

  it("is a plain failure when ezeep answered, when nothing was sent, or for reads", () => {
    expect(isUnknownOutcome(httpError({ ...write("POST"), status: 500, body: null }))).toBe(false);
    expect(isUnknownOutcome(httpError({ ...write("POST"), status: 400, body: null }))).toBe(false);
    expect(isUnknownOutcome(httpError({ ...write("POST"), status: 429, body: null }))).toBe(false);
    const refused = Object.assign(new Error("connect"), { code: "ECONNREFUSED" });
    expect(isUnknownOutcome(networkError("POST", "/p/", "api", refused))).toBe(false);
    expect(isUnknownOutcome(timeoutError("GET", "/p/", 1000))).toBe(false);
    expect(isUnknownOutcome(httpError({ ...read, status: 504, body: null }))).toBe(false);
  });

  it("stays unknown when a retried write meets its own effect (a DELETE's 404 after a lost answer)", () => {
    const e = httpError({ ...write("DELETE"), status: 404, body: null });
    expect(isUnknownOutcome(e)).toBe(false);
    e.earlierAttemptUnknown = true;
    expect(isUnknownOutcome(e)).toBe(true);
  });
});
