// Settings → NDD Orbix: who may register Client names and set the mass-removal guard.
import { describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { addClient } from "@/lib/provisioning/ndd/clients";
import { massRemovalPercent } from "@/lib/provisioning/ndd/settings";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/provisioning/ndd/actions";

let counter = 0;

describe("NDD settings", () => {
  const sim = useSimulator();

  testActionAuthorization(sim, {
    "ndd.client_add": async () => ({ name: `C${++counter}` }),
    "ndd.client_remove": async (owner) => ({
      name: (await addClient(owner, { name: `R${++counter}` })).name,
    }),
    "ndd.settings_update": async () => ({ percent: 10 + (++counter % 50) }),
  });

  it("refuses a Client name with spaces or symbols, naming the field; a registered name twice is refused", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "ndd-owner@test.example");
    const add = actionRegistry.get("ndd.client_add")!;
    expect(await add.invoke(owner, { name: "A B" })).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.stringMatching(/letters, digits/)] },
    });
    expect(await add.invoke(owner, { name: "Dup" })).toMatchObject({ ok: true });
    expect(await add.invoke(owner, { name: "dup" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("registered already"),
    });
    expect(await db.nddClient.count({ where: { organizationId: org.id, nameKey: "dup" } })).toBe(1);
    const set = actionRegistry.get("ndd.settings_update")!;
    expect(await set.invoke(owner, { percent: 101 })).toMatchObject({ ok: false });
    expect(await set.invoke(owner, { percent: 35 })).toMatchObject({ ok: true });
    expect(await massRemovalPercent(org.id)).toBe(35);
  });
});
