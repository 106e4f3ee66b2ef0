import { describe, expect, it } from "vitest";

import { describeChange } from "@/lib/audit/describe";

const ok = (action: string, before: unknown, after: unknown) => ({
  action,
  outcome: "success",
  before,
  after,
});

describe("describeChange", () => {
  it("reads a membership change as groups added and removed, by stored name", () => {
    expect(
      describeChange(
        ok(
          "membership.update",
          { groups: ["Sales", "Support"], groupIds: ["g1", "g2"] },
          { groups: ["Engineering", "Marketing", "Support"], groupIds: ["g3", "g4", "g2"] },
        ),
      ),
    ).toBe("added to Engineering, Marketing; removed from Sales");
  });

  it("reads entries written under the older membership names the same way", () => {
    expect(describeChange(ok("membership.add", { groups: [] }, { groups: ["Engineering"] }))).toBe(
      "added to Engineering",
    );
  });

  it("reads printer assignments (stored as one list of names) as assigned / unassigned", () => {
    expect(
      describeChange(ok("printer.assignment", { groups: "Lab, Office" }, { groups: "Office, Reception" })),
    ).toBe("assigned to Reception; unassigned from Lab");
    expect(describeChange(ok("printer.assign_groups", { groups: "" }, { groups: "Lab", added: "Lab" }))).toBe(
      "assigned to Lab",
    );
  });

  it("reads a rename and a description change", () => {
    expect(
      describeChange(
        ok(
          "group.update",
          { name: "Sales", description: "", origin: "Portal" },
          { name: "Field sales", description: "On the road", origin: "Portal" },
        ),
      ),
    ).toBe("renamed from Sales to Field sales; changed description from (empty) to On the road");
  });

  it("reads printing flags as turned on / off with their labels", () => {
    expect(
      describeChange(
        ok(
          "user.update_printing",
          { local_printing_enabled: "off", pull_printing_enabled: "on" },
          { local_printing_enabled: "on", pull_printing_enabled: "off" },
        ),
      ),
    ).toBe("turned on local printing; turned off pull printing");
  });

  it("names what was created or deleted", () => {
    expect(describeChange(ok("group.create", null, { name: "Lab", description: "" }))).toBe(
      "created the group “Lab”",
    );
    expect(describeChange(ok("group.delete", { name: "Lab", members: 3 }, null))).toBe(
      "deleted the group “Lab”",
    );
  });

  it("says when a change did not happen or its outcome is unknown, for any outcome string", () => {
    const change = { action: "membership.update", before: { groups: [] }, after: { groups: ["Lab"] } };
    expect(describeChange({ ...change, outcome: "failure" })).toBe("Not done: added to Lab");
    expect(describeChange({ ...change, outcome: "pending" })).toBe("Outcome unknown: added to Lab");
    expect(describeChange({ ...change, outcome: "unknown" })).toBe("Outcome unknown: added to Lab");
  });

  it("falls back to the action's label, never to JSON", () => {
    const refused = {
      action: "membership.update",
      outcome: "failure",
      before: null,
      after: { userId: "u1", groupIds: ["g1"] },
    };
    expect(describeChange(refused)).toBe("Not done: Group membership changed");
    expect(describeChange(ok("some.future_action", null, null))).toBe("some.future_action");
    const nested = describeChange(ok("user.update", { settings: { a: 1 } }, { settings: { a: 2 } }));
    expect(nested).not.toMatch(/[{}]/);
  });
});
