// "Concurrent identical requests create nothing twice": parallel identical POST /v1/groups/users
// are serialized per (organization, GroupName).
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { nddSuite } from "@/tests/helpers/ndd";
import { useSimulator } from "@/tests/helpers/simulator";

describe("NDD concurrency", () => {
  const sim = useSimulator();
  const { call, owner: ndd } = nddSuite(sim);
  let owner: OrgContext;

  beforeAll(() => {
    owner = ndd();
  });

  it("five identical requests at the same moment create one group, one invitation per person and one identity per key", async () => {
    sim().setLatency(15); // widen the window in which the requests overlap
    const body = {
      Client: "ABC",
      Groups: [
        {
          GroupName: "Parallel",
          GroupDescription: "same request five times",
          Users: [
            { Logon: "p.one", Domain: "NDD", Email: "p.one@ndd.tech" },
            { Logon: "p.two", Domain: "NDD", Email: "p.two@ndd.tech" },
            { Logon: "p.three", Domain: "NDD" },
          ],
        },
      ],
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => call("/v1/groups/users", body)));
    sim().setLatency(0);
    for (const res of answers) {
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual([]);
    }
    const groups = (await ezeepFor(owner.organization).groups.all()).filter((g) => g.name === "Parallel");
    expect(groups).toHaveLength(1);
    for (const email of ["p.one@ndd.tech", "p.two@ndd.tech"]) {
      expect(await db.invitation.count({ where: { email } })).toBe(1);
      const accounts = (await ezeepFor(owner.organization).users.all()).filter((u) => u.email === email);
      expect(accounts).toHaveLength(1);
    }
    expect(await db.nddIdentity.count({ where: { logon: { startsWith: "p." } } })).toBe(3);
    expect(await db.nddGrouping.count({ where: { name: "Parallel" } })).toBe(1);
    expect(await db.auditEntry.count({ where: { action: "group.create", targetLabel: "Parallel" } })).toBe(1);
  });
});
