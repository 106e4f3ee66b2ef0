import "server-only";

import { auditWhere } from "@/lib/audit/queries";
// Global search (Ctrl/⌘-K): a few matches from each source the admin may read — users, groups,
// printers, invitations, audit entries — each with a link to its page. Each source runs the same
// filter its list page uses; a source the role may not read is not asked at all, and a source that
// fails (ezeep unavailable) is reported as such without hiding the others.
import type { OrgContext } from "@/lib/auth/context";
import { can, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { listGroups } from "@/lib/groups/service";
import { localized } from "@/lib/i18n/scope";
import { listInvitations } from "@/lib/invitations/service";
import { listPrinters } from "@/lib/printers/service";
import { listUsersSchema } from "@/lib/users/schemas";
import { listUsers } from "@/lib/users/service";

export const SEARCH_PER_SOURCE = 5;

export type SearchSource = "users" | "groups" | "printers" | "invitations" | "audit";

export interface SearchHit {
  source: SearchSource;
  id: string;
  title: string;
  detail: string;
  href: string;
}

export interface SearchSection {
  source: SearchSource;
  label: string;
  hits: SearchHit[];
  /** Set when this source could not be searched right now. */
  error: string | null;
}

interface SourceDefinition {
  label: string;
  permission: Permission;
  find: (ctx: OrgContext, q: string) => Promise<SearchHit[]>;
}

const page = { page: 1, pageSize: SEARCH_PER_SOURCE };

const SOURCES: Record<SearchSource, SourceDefinition> = {
  users: {
    label: "Users",
    permission: "users.read",
    find: async (ctx, q) =>
      (await listUsers(ctx, { ...listUsersSchema.parse({}), ...page, q })).items.map((u) => ({
        source: "users",
        id: u.id,
        title: u.name,
        detail: u.name === u.email ? "Invited, not signed up yet" : u.email,
        href: `/users/${encodeURIComponent(u.id)}`,
      })),
  },
  groups: {
    label: "Groups",
    permission: "groups.read",
    find: async (ctx, q) =>
      (await listGroups(ctx, { ...page, q, origin: "all" })).items.map((g) => ({
        source: "groups",
        id: g.id,
        title: g.name,
        detail: localized((t) => t("search.groupDetail", { count: g.members, origin: g.originLabel })),
        href: `/groups/${encodeURIComponent(g.id)}`,
      })),
  },
  printers: {
    label: "Printers",
    permission: "printers.read",
    find: async (ctx, q) =>
      (await listPrinters(ctx, { ...page, q, connector: "", group: "" })).items.map((p) => ({
        source: "printers",
        id: p.id,
        title: p.name,
        detail: [p.status, p.location].filter(Boolean).join(" · "),
        href: `/printers/${encodeURIComponent(p.id)}`,
      })),
  },
  invitations: {
    label: "Invitations",
    permission: "invitations.read",
    find: async (ctx, q) =>
      (await listInvitations(ctx, { ...page, q, status: "all" })).items.map((i) => ({
        source: "invitations",
        id: i.id,
        title: i.email,
        detail: localized((t) => t("search.invitationDetail", { status: i.status })),
        href: `/invitations?q=${encodeURIComponent(i.email)}`,
      })),
  },
  audit: {
    label: "Audit log",
    permission: "audit.read",
    find: async (ctx, q) => {
      const rows = await db.auditEntry.findMany({
        where: auditWhere({ organizationId: ctx.organization.id }, { q }),
        orderBy: { id: "desc" },
        take: SEARCH_PER_SOURCE,
        select: { id: true, action: true, targetLabel: true, actorLabel: true, at: true, outcome: true },
      });
      return rows.map((r) => ({
        source: "audit",
        id: String(r.id),
        title: `${r.action}${r.targetLabel ? ` · ${r.targetLabel}` : ""}`,
        detail: `${r.actorLabel ?? localized((t) => t("search.unknownActor"))} · ${r.at.toISOString().slice(0, 16).replace("T", " ")} UTC${r.outcome === "success" ? "" : ` · ${r.outcome}`}`,
        href: `/audit/${r.id}`,
      }));
    },
  },
};

export const SEARCH_SOURCES = Object.keys(SOURCES) as SearchSource[];

export async function globalSearch(ctx: OrgContext, q: string): Promise<SearchSection[]> {
  const readable = SEARCH_SOURCES.filter((source) => can(ctx.role, SOURCES[source].permission));
  return Promise.all(
    readable.map(async (source): Promise<SearchSection> => {
      const { find } = SOURCES[source];
      // The section's heading in the reader's language (SOURCES keeps the English one).
      const label = localized((t) => t(`search.sources.${source}`));
      try {
        return { source, label, hits: await find(ctx, q), error: null };
      } catch {
        return {
          source,
          label,
          hits: [],
          error: localized((t) => t("search.sourceFailed", { source: label })),
        };
      }
    }),
  );
}
