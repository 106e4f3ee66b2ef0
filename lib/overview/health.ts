import "server-only";

// The overview's health card: what needs an admin's attention now. Printers and connectors that
// are offline (one list call each, in parallel), invitations that expired, and changes of the
// last 24 hours that failed or whose outcome is unknown. Each figure links to the list it counts.
import type { OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";

const DAY_MS = 86_400_000;

export interface HealthItem {
  key: "printers" | "connectors" | "invitations" | "failed" | "unknown";
  label: string;
  count: number | null;
  href: string;
}

/** ezeep reports "Offline" or "OFF" (lib/printers/components/status-badge.tsx). */
export function isOffline(status: string): boolean {
  const s = status.trim().toLowerCase();
  return s === "offline" || s === "off";
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

async function offlineFromEzeep(ctx: OrgContext) {
  const ezeep = ezeepFor(ctx.organization);
  try {
    const [printers, connectors] = await Promise.all([
      ezeep.printers.all({ pageSize: 100 }),
      ezeep.connectors.all({ pageSize: 100 }),
    ]);
    const offlineConnectors = connectors.filter((c) => isOffline(c.status));
    return {
      printers: printers.filter((p) => isOffline(p.status)).length,
      connectors: offlineConnectors.length,
      connectorStatus: offlineConnectors[0]?.status ?? null,
    };
  } catch {
    // ezeep unreachable: the page says so elsewhere; the card shows "—" for these two.
    return { printers: null, connectors: null, connectorStatus: null };
  }
}

export async function organizationHealth(ctx: OrgContext, now = new Date()): Promise<HealthItem[]> {
  const org = ctx.organization.id;
  const since = new Date(now.getTime() - DAY_MS);
  const recent = { organizationId: org, at: { gte: since } };
  const [offline, expired, failed, unknown] = await Promise.all([
    offlineFromEzeep(ctx),
    db.invitation.count({ where: { organizationId: org, status: "expired" } }),
    db.auditEntry.count({ where: { ...recent, outcome: "failure" } }),
    // "pending", "unknown", or any outcome added later that is neither success nor failure.
    db.auditEntry.count({ where: { ...recent, outcome: { notIn: ["success", "failure"] } } }),
  ]);
  // The audit filters are whole UTC days: the linked list starts at the day 24 hours ago began.
  const auditHref = (outcome: string) => `/audit?outcome=${outcome}&from=${isoDay(since)}&to=${isoDay(now)}`;
  const connectorsHref = offline.connectorStatus
    ? `/connectors?status=${encodeURIComponent(offline.connectorStatus)}`
    : "/connectors";
  return [
    { key: "printers", label: "Printers offline", count: offline.printers, href: "/printers" },
    { key: "connectors", label: "Connectors offline", count: offline.connectors, href: connectorsHref },
    { key: "invitations", label: "Expired invitations", count: expired, href: "/invitations?status=expired" },
    { key: "failed", label: "Failed changes (24 h)", count: failed, href: auditHref("failure") },
    { key: "unknown", label: "Outcome unknown (24 h)", count: unknown, href: auditHref("pending") },
  ];
}

// Each figure only for who may open the list it links to.
const HEALTH_PERMISSION = {
  printers: "printers.read",
  connectors: "connectors.read",
  invitations: "invitations.read",
  failed: "audit.read",
  unknown: "audit.read",
} as const satisfies Record<HealthItem["key"], Permission>;

/** The health figures a viewer may see: those whose linked list their role may open. */
export function visibleHealthItems(
  items: HealthItem[],
  can: (permission: Permission) => boolean,
): HealthItem[] {
  return items.filter((item) => can(HEALTH_PERMISSION[item.key]));
}
