// Enumerated authorization tests: every listed server action is called signed out and as every
// role, with a valid input, and must be allowed or denied exactly as lib/auth/permissions.ts says.
// A denied mutation must change nothing and leave a failed audit entry.
//
//   testActionAuthorization(sim, {
//     "group.create": async () => ({ name: uniqueName(), description: "" }),
//     "group.delete": async (owner) => ({ id: (await createGroup(owner, {...})).id }),
//   });
import { beforeAll, describe, expect, it } from "vitest";

import { actionRegistry, DENIED_ERROR, SIGNED_OUT_ERROR } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { can, ROLES, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Simulator } from "@/lib/ezeep-simulator";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";

/** Builds a valid input for one call; receives the owner's context to create fixtures with. */
export type InputFactory = (owner: OrgContext, role: Role) => Promise<unknown>;

export function testActionAuthorization(sim: () => Simulator, inputs: Record<string, InputFactory>): void {
  const contexts = {} as Record<Role, OrgContext>;

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    for (const role of ROLES) contexts[role] = await contextFor(org, role);
  });

  for (const [name, makeInput] of Object.entries(inputs)) {
    describe(`authorization of ${name}`, () => {
      it("is a registered action", () => {
        expect(actionRegistry.has(name), `${name} is not registered: import its actions module`).toBe(true);
      });

      it("refuses a signed-out caller", async () => {
        expect(await actionRegistry.get(name)!.invoke(null, {})).toEqual({
          ok: false,
          error: SIGNED_OUT_ERROR,
        });
      });

      for (const role of ROLES) {
        it(`as ${role}`, async () => {
          const action = actionRegistry.get(name)!;
          const recorded = action.auditAction;
          const input = await makeInput(contexts.owner, role);
          const successesBefore = await db.auditEntry.count({
            where: { action: recorded, outcome: "success" },
          });
          const result = await action.invoke(contexts[role], input);
          if (can(role, action.permission)) {
            expect(result.ok, `${role} should be allowed: ${JSON.stringify(result)}`).toBe(true);
          } else {
            expect(result).toEqual({ ok: false, error: DENIED_ERROR });
            expect(await db.auditEntry.count({ where: { action: recorded, outcome: "success" } })).toBe(
              successesBefore,
            );
            if (action.mutation) {
              const denial = await db.auditEntry.findFirst({
                where: { action: recorded, actorId: contexts[role].actor.id },
                orderBy: { id: "desc" },
              });
              expect(denial).toMatchObject({ outcome: "failure", error: "permission denied" });
            }
          }
        });
      }
    });
  }
}
