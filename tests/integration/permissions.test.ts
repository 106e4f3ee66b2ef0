// Every registered server action, called as every role (and signed out), is allowed or denied
// exactly as lib/auth/permissions.ts says, on the server, before anything reaches ezeep.
import { beforeAll, describe, expect, it } from "vitest";
import { actionRegistry, DENIED_ERROR, SIGNED_OUT_ERROR } from "@/lib/auth/action";
import { can, ROLES, type Role } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { useSimulator } from "@/tests/helpers/simulator";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
// Importing the action modules registers their actions.
import "@/lib/groups/actions";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";

const EXPECTED_ACTIONS = ["group.create", "group.update", "group.delete"];

describe("server action authorization", () => {
  const sim = useSimulator();
  const contexts = {} as Record<Role, OrgContext>;
  let groupId: string;

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    for (const role of ROLES) contexts[role] = await contextFor(org, role);
  });

  it("registers every action the portal exposes", () => {
    expect([...actionRegistry.keys()].sort()).toEqual([...EXPECTED_ACTIONS].sort());
  });

  // A valid input per action, so an allowed role gets past validation and a denied role is
  // refused for its role alone.
  const validInput = (name: string): unknown => {
    switch (name) {
      case "group.create":
        return { name: `perm-test-${Math.random().toString(36).slice(2, 8)}`, description: "" };
      case "group.update":
        return { id: groupId, name: `perm-renamed-${Math.random().toString(36).slice(2, 8)}`, description: "x" };
      case "group.delete":
        return { id: groupId };
      default:
        throw new Error(`no valid input for ${name}: add one`);
    }
  };

  for (const name of EXPECTED_ACTIONS) {
    describe(name, () => {
      it("refuses a signed-out caller", async () => {
        const result = await actionRegistry.get(name)!.invoke(null, {});
        expect(result).toEqual({ ok: false, error: SIGNED_OUT_ERROR });
      });

      for (const role of ROLES) {
        it(`${can(role, actionRegistry.get(name)?.permission ?? "groups.write") ? "allows" : "denies"} ${role}`, async () => {
          const action = actionRegistry.get(name)!;
          // A fresh group for update/delete in the simulator's organization.
          const fresh = await createGroup(contexts.owner, { name: `perm-fixture-${role}-${name}`, description: "fixture" });
          groupId = fresh.id;
          const groupsBefore = await db.auditEntry.count({ where: { action: name, outcome: "success" } });

          const result = await action.invoke(contexts[role], validInput(name));
          if (can(role, action.permission)) {
            expect(result.ok, JSON.stringify(result)).toBe(true);
            expect(await db.auditEntry.count({ where: { action: name, outcome: "success" } })).toBe(groupsBefore + 1);
          } else {
            expect(result).toEqual({ ok: false, error: DENIED_ERROR });
            expect(await db.auditEntry.count({ where: { action: name, outcome: "success" } })).toBe(groupsBefore);
            const denial = await db.auditEntry.findFirst({ where: { action: name, actorId: contexts[role].actor.id }, orderBy: { id: "desc" } });
            expect(denial).toMatchObject({ outcome: "failure", error: "permission denied" });
            // Nothing changed in ezeep either.
            const still = await ezeepFor(contexts.owner.organization).groups.get(groupId);
            expect(still).toMatchObject({ name: fresh.name, description: "fixture" });
          }
        });
      }
    });
  }
});
