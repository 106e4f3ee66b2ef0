// The NDD Orbix Client names an organization answers to. A request naming another Client is
// refused (400 naming the field): NDD sends one provider's many customers through one API, and a
// misrouted customer must not provision into this organization. Compared case-insensitively.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { translator } from "@/lib/i18n/server";

export const clientKey = (name: string) => name.trim().toLowerCase();

export async function isRegisteredClient(organizationId: string, name: string): Promise<boolean> {
  const row = await db.nddClient.findUnique({
    where: { organizationId_nameKey: { organizationId, nameKey: clientKey(name) } },
    select: { id: true },
  });
  return row !== null;
}

export async function listClients(organizationId: string) {
  return db.nddClient.findMany({ where: { organizationId }, orderBy: { nameKey: "asc" } });
}

export async function addClient(ctx: OrgContext, input: { name: string }) {
  const name = input.name.trim();
  if (await isRegisteredClient(ctx.organization.id, name)) {
    const t = await translator("ndd");
    throw new UserFacingError(t("errors.clientTaken", { name }), {
      name: [t("errors.clientTakenField")],
    });
  }
  return audited(ctx, {
    action: "ndd.client_add",
    target: { type: "ndd_client", label: name },
    intended: { name },
    run: async () => {
      const row = await db.nddClient.create({
        data: { organizationId: ctx.organization.id, name, nameKey: clientKey(name) },
      });
      return { result: row, target: { type: "ndd_client", id: row.id, label: name } };
    },
  });
}

export async function removeClient(ctx: OrgContext, input: { name: string }) {
  const row = await db.nddClient.findUnique({
    where: {
      organizationId_nameKey: { organizationId: ctx.organization.id, nameKey: clientKey(input.name) },
    },
  });
  if (!row)
    throw new UserFacingError((await translator("ndd"))("errors.clientUnknown", { name: input.name }));
  return audited(ctx, {
    action: "ndd.client_remove",
    target: { type: "ndd_client", id: row.id, label: row.name },
    before: { name: row.name },
    run: async () => {
      await db.nddClient.deleteMany({ where: { id: row.id, organizationId: ctx.organization.id } });
      return { result: { name: row.name } };
    },
  });
}
