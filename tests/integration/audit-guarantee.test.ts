// "No change without its entry": when the audit log cannot be written, the change is not made
// and the admin is told it failed (ARCHITECTURE.md invariant 3).
import { beforeAll, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";

describe("audit guarantee", () => {
  const sim = useSimulator();
  let admin: OrgContext;

  beforeAll(async () => {
    admin = await contextFor(await portalOrganization(sim().organizationId), "admin");
  });

  it("does not call ezeep when the pending entry cannot be written, and reports the failure without internals", async () => {
    sim().resetStats();
    // This test file has its own database copy, so breaking the table affects nothing else.
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEntry" RENAME TO "AuditEntryGone"`);
    try {
      const result = await actionRegistry
        .get("group.create")!
        .invoke(admin, { name: "Unaudited", description: "" });
      expect(result.ok).toBe(false);
      const error = (result as { error: string }).error;
      expect(error).toMatch(/^Something went wrong on the server\. Reference: req-admin\.$/);
      expect(sim().stats().byRoute["POST /printing/v1/groups/"] ?? 0).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "AuditEntryGone" RENAME TO "AuditEntry"`);
    }
    const names: string[] = [];
    for await (const g of ezeepFor(admin.organization).groups.iterate()) names.push(g.name);
    expect(names).not.toContain("Unaudited");
  });
});
