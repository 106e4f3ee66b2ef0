// Request metadata for the audit log.
import { randomUUID } from "node:crypto";

export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

export function requestMeta(headers: Headers) {
  return {
    ip: clientIp(headers),
    userAgent: headers.get("user-agent"),
    requestId: headers.get("x-request-id") ?? randomUUID(),
  };
}
