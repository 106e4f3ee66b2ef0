// Groups' server actions, called as every role (and signed out): allowed or denied exactly as the
// permission matrix says, on the server, and a denied call changes nothing in ezeep.
import { describe, expect, it } from "vitest";

import { actionRegistry, DENIED_ERROR } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";

const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 9)}`;
const freshGroup = async (owner: OrgContext) =>
  createGroup(owner, { name: unique("authz fixture"), description: "fixture" });

describe("group actions", () => {
  const sim = useSimulator();

  testActionAuthorization(sim, {
    "group.create": async () => ({ name: unique("authz create"), description: "" }),
    "group.update": async (owner) => ({
      id: (await freshGroup(owner)).id,
      name: unique("authz renamed"),
      description: "x",
    }),
    "group.delete": async (owner) => ({ id: (await freshGroup(owner)).id }),
  });

  it("leaves ezeep untouched when an auditor tries to rename or delete", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner2@test.example");
    const auditor = await contextFor(org, "auditor", "auditor2@test.example");
    const group = await freshGroup(owner);
    expect(
      await actionRegistry
        .get("group.update")!
        .invoke(auditor, { id: group.id, name: "hijacked", description: "" }),
    ).toEqual({ ok: false, error: DENIED_ERROR });
    expect(await actionRegistry.get("group.delete")!.invoke(auditor, { id: group.id })).toEqual({
      ok: false,
      error: DENIED_ERROR,
    });
    expect(await ezeepFor(org).groups.get(group.id)).toMatchObject({
      name: group.name,
      description: "fixture",
    });
  });
});
