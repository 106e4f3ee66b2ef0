// The TCP peer's address for route handlers, pages and actions. Next.js does not expose the socket
// address, and it fills X-Forwarded-For from the socket only when the client sent none, so a client
// could choose its own "IP". The HTTP server therefore stamps every incoming request with the
// socket address in a header, overwriting whatever the client sent; the value carries a random
// per-process nonce, so a client-sent copy is never mistaken for it (not even when this hook is
// missing, e.g. in `next dev` before instrumentation runs).
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const PEER_HEADER = "x-portal-peer";

const store = globalThis as unknown as { __portalPeerNonce?: string; __portalPeerHooked?: boolean };

function nonce(): string {
  return (store.__portalPeerNonce ??= randomBytes(12).toString("hex"));
}

/** The header value the server stamps on a request from `address`. */
export function peerHeaderValue(address: string): string {
  return `${nonce()} ${address}`;
}

/** The socket address stamped on these headers by this process, or null. */
export function verifiedPeer(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  if (!value || !store.__portalPeerNonce) return null;
  const [stamp, address] = value.split(" ");
  return stamp === store.__portalPeerNonce && address ? address : null;
}

/** Called once from instrumentation.ts (Node.js runtime): stamp every request's socket address. */
export async function installPeerAddressHook(): Promise<void> {
  if (store.__portalPeerHooked) return;
  store.__portalPeerHooked = true;
  const http = await import("node:http");
  const original = http.Server.prototype.emit as (event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      const address = req.socket?.remoteAddress;
      if (address) req.headers[PEER_HEADER] = peerHeaderValue(address);
      else delete req.headers[PEER_HEADER];
    }
    return original.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
