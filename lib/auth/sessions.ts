// Server-side session records. The next-auth JWT carries the session id; every page, action and
// route handler that resolves the signed-in admin (lib/auth/session.ts) checks the record here,
// so a session ended in the database is ended for every copy of its cookie on every instance.
import "server-only";

import { randomBytes } from "node:crypto";

import { authConfig } from "@/lib/auth/config";
import { db } from "@/lib/db";

export type RevokeReason = "sign_out" | "ended" | "sign_out_everywhere" | "disabled" | "password_changed";

/** lastSeenAt is written at most this often per session (one write per minute, not per request). */
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  adminId: string;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(input: NewSession, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const { SESSION_MAX_HOURS } = authConfig();
  await db.session.create({
    data: {
      id,
      adminId: input.adminId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    },
  });
  return id;
}

/**
 * Is this session still live for this admin? Ended, idle past SESSION_IDLE_MINUTES, or past its
 * absolute end → false. A live session's lastSeenAt moves forward.
 */
export async function checkSession(sessionId: string, adminId: string, now = new Date()): Promise<boolean> {
  const session = await db.session.findUnique({ where: { id: sessionId } });
  if (!session || session.adminId !== adminId || session.revokedAt) return false;
  const idleMs = authConfig().SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleMs <= now.getTime()) return false;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return true;
}

export async function revokeSession(
  sessionId: string,
  reason: RevokeReason,
  adminId?: string,
): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { id: sessionId, revokedAt: null, ...(adminId ? { adminId } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}

/** Ends every session of an admin (optionally except the one asking). */
export async function revokeAllSessions(
  adminId: string,
  reason: RevokeReason,
  exceptSessionId?: string,
): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { adminId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}

export interface ActiveSessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  device: string;
  current: boolean;
}

/** A short "Browser on OS" from a user agent; the full string is kept in the record. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser =
    [
      ["Edg/", "Edge"],
      ["Firefox/", "Firefox"],
      ["Chrome/", "Chrome"],
      ["Safari/", "Safari"],
    ].find(([marker]) => userAgent.includes(marker))?.[1] ?? "Browser";
  const os =
    [
      ["Windows", "Windows"],
      ["Android", "Android"],
      ["iPhone", "iOS"],
      ["iPad", "iPadOS"],
      ["Mac OS X", "macOS"],
      ["Linux", "Linux"],
    ].find(([marker]) => userAgent.includes(marker))?.[1] ?? "unknown system";
  return `${browser} on ${os}`;
}

/** The admin's live sessions, most recently used first. */
export async function listActiveSessions(
  adminId: string,
  currentSessionId: string | null,
  now = new Date(),
): Promise<ActiveSessionView[]> {
  const idleSince = new Date(now.getTime() - authConfig().SESSION_IDLE_MINUTES * 60_000);
  const rows = await db.session.findMany({
    where: { adminId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    ip: r.ip,
    device: describeDevice(r.userAgent),
    current: r.id === currentSessionId,
  }));
}

/** Ended and expired records carry no information after a day; keep the table small. */
export async function pruneSessions(now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: dayAgo } }, { revokedAt: { lt: dayAgo } }] },
  });
}
