// Per-organization NDD settings: the mass-removal guard of the destructive syncs.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";

export const DEFAULT_MASS_REMOVAL_PERCENT = 20;

export async function massRemovalPercent(organizationId: string): Promise<number> {
  const row = await db.nddSettings.findUnique({ where: { organizationId } });
  return row?.massRemovalPercent ?? DEFAULT_MASS_REMOVAL_PERCENT;
}

export async function setMassRemovalPercent(ctx: OrgContext, input: { percent: number }) {
  const before = await massRemovalPercent(ctx.organization.id);
  if (before === input.percent) return { percent: before };
  return audited(ctx, {
    action: "ndd.settings_update",
    target: { type: "ndd_settings", id: ctx.organization.id, label: "NDD mass-removal guard" },
    before: { massRemovalPercent: before },
    intended: { massRemovalPercent: input.percent },
    run: async () => {
      await db.nddSettings.upsert({
        where: { organizationId: ctx.organization.id },
        create: { organizationId: ctx.organization.id, massRemovalPercent: input.percent },
        update: { massRemovalPercent: input.percent },
      });
      return { result: { percent: input.percent } };
    },
  });
}

/** The guard: more than `percent` of `total` would go. A grouping of one may always lose its one. */
export function exceedsGuard(removed: number, total: number, percent: number): boolean {
  if (removed === 0 || total === 0) return false;
  return removed > Math.max(1, Math.floor((total * percent) / 100));
}
