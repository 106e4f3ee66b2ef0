// Request metadata for the audit log and throttling. X-Forwarded-For and X-Request-Id are chosen
// by whoever sends the request, so they count only when the TCP peer is a configured trusted proxy
// (TRUSTED_PROXIES); otherwise the peer's own address is the client and the request id is ours.
import "server-only";

import { randomUUID } from "node:crypto";

import { authConfig } from "@/lib/auth/config";
import { verifiedPeer } from "@/lib/auth/peer-address";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** "::ffff:10.0.0.1" (IPv4 on an IPv6 socket) → "10.0.0.1". */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

export interface AddressInput {
  /** The TCP peer (null when unknown, e.g. a request built in a test). */
  peer: string | null;
  forwardedFor: string | null;
  trustedProxies: readonly string[];
}

/**
 * The client's address: the peer itself unless the peer is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not a trusted proxy (entries further left are client-chosen).
 */
export function resolveClientAddress({ peer, forwardedFor, trustedProxies }: AddressInput): string | null {
  if (!peer) return null;
  const trusted = new Set(trustedProxies.map(normalizeAddress));
  const self = normalizeAddress(peer);
  if (!trusted.has(self)) return self;
  const hops = (forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i])) return hops[i];
  return hops[0] ?? self;
}

function peerIsTrusted(peer: string | null): boolean {
  return peer !== null && authConfig().TRUSTED_PROXIES.map(normalizeAddress).includes(normalizeAddress(peer));
}

export function clientIp(headers: Headers): string | null {
  return resolveClientAddress({
    peer: verifiedPeer(headers),
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxies: authConfig().TRUSTED_PROXIES,
  });
}

export function requestMeta(headers: Headers) {
  const forwardedId = headers.get("x-request-id");
  const honoured = forwardedId && REQUEST_ID.test(forwardedId) && peerIsTrusted(verifiedPeer(headers));
  return {
    ip: clientIp(headers),
    userAgent: headers.get("user-agent"),
    requestId: honoured ? forwardedId : randomUUID(),
  };
}
