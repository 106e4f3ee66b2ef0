// The simulator's readings where ezeep is silent (behaviours) and its "apply, then fail the
// answer" faults, through the control API a test or the demo uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type Simulator } from "@/lib/ezeep-simulator";

describe("simulator behaviours and afterApply faults", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: "demo", behaviour: { groupNames: "duplicates-allowed" } });
  });
  afterAll(() => sim.close());
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.apiUrl}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("takes behaviours at start and through /__sim/behaviour, and refuses unknown values", async () => {
    expect(sim.behaviour()).toEqual({ assignmentPut: "add", groupNames: "duplicates-allowed" });
    const set = await control("POST", "/__sim/behaviour", { assignmentPut: "replace" });
    expect(await set.json()).toEqual({ assignmentPut: "replace", groupNames: "duplicates-allowed" });
    const bad = await control("POST", "/__sim/behaviour", { assignmentPut: "merge" });
    expect(bad.status).toBe(400);
    expect(await (await control("GET", "/__sim/behaviour")).json()).toMatchObject({
      assignmentPut: "replace",
    });
  });

  it("refuses afterApply on kinds that never reach the handler", async () => {
    const r = await control("POST", "/__sim/faults", {
      path: "/printing/v1/groups/",
      kind: "rate_limit",
      afterApply: true,
    });
    expect(r.status).toBe(400);
  });
});
