// Client-chosen headers count only from configured trusted proxies (TRUSTED_PROXIES).
import { afterEach, describe, expect, it } from "vitest";

import { PEER_HEADER, peerHeaderValue } from "@/lib/auth/peer-address";
import { requestMeta, resolveClientAddress } from "@/lib/auth/request";

const headersFrom = (peer: string | null, extra: Record<string, string>) =>
  new Headers({ ...extra, ...(peer ? { [PEER_HEADER]: peerHeaderValue(peer) } : {}) });

describe("client address and request id", () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXIES;
  });

  it("ignores a forged X-Forwarded-For and X-Request-Id by default: the socket address counts", () => {
    const meta = requestMeta(
      headersFrom("203.0.113.7", { "x-forwarded-for": "1.2.3.4", "x-request-id": "forged" }),
    );
    expect(meta.ip).toBe("203.0.113.7");
    expect(meta.requestId).not.toBe("forged");
  });

  it("honours them from a configured proxy, taking the right-most address the proxy saw", () => {
    process.env.TRUSTED_PROXIES = "10.0.0.5, 10.0.0.6";
    const meta = requestMeta(
      headersFrom("::ffff:10.0.0.5", {
        "x-forwarded-for": "1.2.3.4, 198.51.100.9, 10.0.0.6",
        "x-request-id": "req-42",
      }),
    );
    // 1.2.3.4 was written by the client itself; 198.51.100.9 is what the first trusted proxy saw.
    expect(meta.ip).toBe("198.51.100.9");
    expect(meta.requestId).toBe("req-42");
  });

  it("does not trust a client that sends the peer header itself", () => {
    const forged = new Headers({ [PEER_HEADER]: "guess 10.0.0.5", "x-forwarded-for": "1.2.3.4" });
    expect(requestMeta(forged).ip).toBeNull();
  });

  it("resolves addresses without a peer to null and a proxy-only chain to its left-most hop", () => {
    expect(resolveClientAddress({ peer: null, forwardedFor: "1.2.3.4", trustedProxies: [] })).toBeNull();
    expect(
      resolveClientAddress({
        peer: "10.0.0.5",
        forwardedFor: "10.0.0.6",
        trustedProxies: ["10.0.0.5", "10.0.0.6"],
      }),
    ).toBe("10.0.0.6");
  });

  it("rejects a malformed TRUSTED_PROXIES instead of trusting everything", () => {
    process.env.TRUSTED_PROXIES = "everyone";
    expect(() => requestMeta(headersFrom("10.0.0.1", {}))).toThrow(/TRUSTED_PROXIES/);
  });
});
