// Shared setup of the printers integration tests (printers*.test.ts): an admin of the simulator's
// organization, its printers, faults cleared before each test, and reading a printer's groups.
import { beforeAll, beforeEach } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { assignedGroupIds, type Printer } from "@/lib/ezeep";
import type { Simulator } from "@/lib/ezeep-simulator";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";

import "@/lib/printers/actions";

export const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
export const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

export interface PrintersFixture {
  admin: OrgContext;
  /** The organization's printers as they were when the file started. */
  printers: Printer[];
}

/** Registers the hooks of a printers test file; the fixture is ready inside tests and later hooks. */
export function printersSuite(sim: () => Simulator) {
  let fixture: PrintersFixture | undefined;
  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    fixture = { admin: await contextFor(org, "admin"), printers: await ezeepFor(org).printers.all() };
  });
  beforeEach(() => sim().faults.clear());
  const ready = () => {
    if (!fixture) throw new Error("printersSuite(): the fixture is ready only after beforeAll");
    return fixture;
  };
  return {
    fixture: ready,
    /** The groups ezeep has assigned to one printer. */
    async groupsOf(printerId: string): Promise<string[]> {
      for await (const a of ezeepFor(ready().admin.organization).assignments.iterate())
        if (a.printer_id === printerId) return assignedGroupIds(a);
      return [];
    },
    newGroup: async (prefix = "Printing") =>
      createGroup(ready().admin, { name: unique(prefix), description: "" }),
  };
}
