// Printing server actions, called as every role (and signed out): allowed or denied exactly as the
// permission matrix says, on the server; a denied call changes nothing in ezeep.
import { beforeAll, describe, expect, it } from "vitest";

import { actionRegistry, DENIED_ERROR } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { assignedGroupIds, type Driver, type Printer } from "@/lib/ezeep";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/printers/actions";

const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 9)}`;
const freshGroup = async (owner: OrgContext) =>
  createGroup(owner, { name: unique("authz printing"), description: "fixture" });

describe("printer actions", () => {
  const sim = useSimulator();
  let printers: Printer[] = [];
  let drivers: Driver[] = [];
  let n = 0;
  const nextPrinter = () => printers[n++ % printers.length];

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    printers = await ezeepFor(org).printers.all();
    drivers = await ezeepFor(org).drivers.all({ vendor: "HP" });
  });

  testActionAuthorization(sim, {
    "printer.assign_groups": async (owner) => ({
      printerId: nextPrinter().id,
      groupIds: [(await freshGroup(owner)).id],
    }),
    "printer.unassign_groups": async (owner) => {
      const group = await freshGroup(owner);
      const printer = nextPrinter();
      await ezeepFor(owner.organization).assignments.assign(printer.id, [group.id]);
      return { printerId: printer.id, groupIds: [group.id] };
    },
    "printer.assign_to_group": async (owner) => ({
      groupId: (await freshGroup(owner)).id,
      printerIds: [nextPrinter().id],
    }),
    "printer.unassign_from_group": async (owner) => {
      const group = await freshGroup(owner);
      const printer = nextPrinter();
      await ezeepFor(owner.organization).assignments.assign(printer.id, [group.id]);
      return { groupId: group.id, printerIds: [printer.id] };
    },
    "printer.set_driver": async () => ({
      printerId: nextPrinter().id,
      driverId: drivers[n % drivers.length].id,
      vendor: "HP",
    }),
  });

  it("leaves ezeep untouched when an auditor or helpdesk tries to assign, unassign or set a driver", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-printing@test.example");
    const printer = printers[0];
    const group = await freshGroup(owner);
    const other = await freshGroup(owner);
    await ezeepFor(org).assignments.assign(printer.id, [group.id]);
    const before = await ezeepFor(org).printers.get(printer.id);
    for (const role of ["auditor", "helpdesk"] as const) {
      const ctx = await contextFor(org, role, `${role}-printing@test.example`);
      const invoke = (name: string, input: unknown) => actionRegistry.get(name)!.invoke(ctx, input);
      expect(await invoke("printer.assign_groups", { printerId: printer.id, groupIds: [other.id] })).toEqual({
        ok: false,
        error: DENIED_ERROR,
      });
      expect(
        await invoke("printer.unassign_groups", { printerId: printer.id, groupIds: [group.id] }),
      ).toEqual({ ok: false, error: DENIED_ERROR });
      expect(
        await invoke("printer.assign_to_group", { groupId: other.id, printerIds: [printer.id] }),
      ).toEqual({ ok: false, error: DENIED_ERROR });
      expect(
        await invoke("printer.unassign_from_group", { groupId: group.id, printerIds: [printer.id] }),
      ).toEqual({ ok: false, error: DENIED_ERROR });
      expect(await invoke("printer.set_driver", { printerId: printer.id, driverId: drivers[0].id })).toEqual({
        ok: false,
        error: DENIED_ERROR,
      });
    }
    let groups: string[] = [];
    for await (const a of ezeepFor(org).assignments.iterate())
      if (a.printer_id === printer.id) groups = assignedGroupIds(a);
    expect(groups).toContain(group.id);
    expect(groups).not.toContain(other.id);
    expect((await ezeepFor(org).printers.get(printer.id)).manual_driver_id).toBe(before.manual_driver_id);
  });
});
