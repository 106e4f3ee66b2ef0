// The NDD page's list: identities with their groupings, searched on the server, paginated.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";

export const IDENTITY_PAGE_SIZE = 50;

export interface IdentityView {
  id: string;
  client: string;
  user: string;
  name: string | null;
  email: string | null;
  state: string;
  ezeepUserId: string | null;
  invitationId: string | null;
  invitedByNdd: boolean;
  lastSeenAt: Date;
  groupings: string[];
}

export async function listIdentities(ctx: OrgContext, query: { q?: string; page?: number }) {
  const q = query.q?.trim();
  const where = {
    organizationId: ctx.organization.id,
    ...(q
      ? {
          OR: [
            { userKey: { contains: q.toLowerCase() } },
            { name: { contains: q } },
            { email: { contains: q.toLowerCase() } },
            { clientKey: { contains: q.toLowerCase() } },
          ],
        }
      : {}),
  };
  const total = await db.nddIdentity.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / IDENTITY_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const rows = await db.nddIdentity.findMany({
    where,
    orderBy: [{ userKey: "asc" }, { id: "asc" }],
    skip: (page - 1) * IDENTITY_PAGE_SIZE,
    take: IDENTITY_PAGE_SIZE,
    include: { groupings: { include: { grouping: { select: { name: true } } } } },
  });
  const clients = await db.nddClient.findMany({ where: { organizationId: ctx.organization.id } });
  const clientName = new Map(clients.map((c) => [c.nameKey, c.name]));
  const items: IdentityView[] = rows.map((r) => ({
    id: r.id,
    client: clientName.get(r.clientKey) ?? r.clientKey,
    user: `${r.domain}//${r.logon}`,
    name: r.name,
    email: r.email,
    state: r.state,
    ezeepUserId: r.ezeepUserId,
    invitationId: r.invitationId,
    invitedByNdd: r.invitedByNdd,
    lastSeenAt: r.lastSeenAt,
    groupings: r.groupings.map((g) => g.grouping.name).sort(),
  }));
  const waiting = await db.nddIdentity.count({
    where: { organizationId: ctx.organization.id, state: "waiting_email" },
  });
  return { items, total, page, pageCount, waiting };
}
