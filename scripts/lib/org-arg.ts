// `--org <id|name>` for CLI scripts: the portal id, the ezeep id, or the name (case-insensitive).
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";

export async function organizationArg(value: string | undefined): Promise<OrganizationRef> {
  if (!value) throw new Error("--org <id|name> is required");
  const byId = await db.organization.findFirst({ where: { OR: [{ id: value }, { ezeepId: value }] } });
  const all = byId ? [byId] : await db.organization.findMany();
  const matches = byId ? all : all.filter((o) => o.name.trim().toLowerCase() === value.trim().toLowerCase());
  if (matches.length !== 1)
    throw new Error(
      matches.length === 0
        ? `No organization "${value}" is managed by this portal.`
        : `"${value}" names several organizations: use the id.`,
    );
  const o = matches[0]!;
  return { id: o.id, ezeepId: o.ezeepId, name: o.name, connection: o.connection };
}

/** Scripted changes are audited as the system acting through the named command. */
export function scriptContext(organization: OrganizationRef, command: string): OrgContext {
  return { actor: { type: "system", id: null, label: command }, organization, role: null };
}
