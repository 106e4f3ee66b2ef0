// The 5 × 1,000 NDD request at small scale: groupings of the NDD maximum (1,000 users each,
// mostly existing ezeep users) must answer 201 with no error entries, make every person a member,
// and a repeat that changes nothing must read lists only — no per-user read or write.
// Regression for the benchmark's failing rows: statements over SQLite's bound-value limit (an
// `IN (…)` list of every user of a request) and a batch lease refused for any database error made
// rows fail, and their repeat fell back to a read and a write per person.
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { tryLockMany } from "@/lib/provisioning/batch-lock";
import { nddSuite } from "@/tests/helpers/ndd";
import { useSimulator } from "@/tests/helpers/simulator";

const PER_GROUPING = 1000;
const EXISTING = 900;

describe("NDD groupings of 1,000 users", () => {
  const sim = useSimulator({ seed: { users: 1900, groups: 3 } });
  const { call, owner } = nddSuite(sim, { client: "BIG" });
  let body: unknown;

  beforeAll(async () => {
    const verified = (await ezeepFor(owner().organization).users.all({ perPage: 100 })).filter(
      (u) => u.is_verified,
    );
    // Two groupings overlap by half: people in both get both groups in one write.
    body = {
      Client: "BIG",
      Groups: [0, 1].map((g) => ({
        GroupName: `Large ${g}`,
        GroupDescription: `grouping ${g}`,
        Users: Array.from({ length: PER_GROUPING }, (_, i) =>
          i < EXISTING
            ? { Logon: `u${g * 450 + i}`, Domain: "BIG", Email: verified[g * 450 + i]!.email }
            : { Logon: `n${g}_${i}`, Domain: "BIG", Email: `n.${g}.${i}@big.example` },
        ),
      })),
    };
  });

  it("answers 201 without error entries and makes every existing person a member", async () => {
    const res = await call("/v1/groups/users", body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    const groups = (await ezeepFor(owner().organization).groups.all()).filter((g) =>
      g.name.startsWith("Large "),
    );
    expect(groups).toHaveLength(2);
    const members = (await ezeepFor(owner().organization).printingUsers.all({ pageSize: 100 })).filter((u) =>
      u.groups.some((g) => groups.some((x) => x.id === g.group_id)),
    );
    expect(members).toHaveLength(EXISTING + 450); // 1,350 distinct existing people
    expect(await db.invitation.count({ where: { email: { endsWith: "@big.example" } } })).toBe(200);
    expect(await db.auditEntry.count({ where: { action: "provisioning.not_done" } })).toBe(0);
  });

  it("a repeat that changes nothing reads lists only: no per-user read, no write", async () => {
    sim().resetStats();
    const res = await call("/v1/groups/users", body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    const routes = sim().stats().byRoute;
    const perUser = Object.entries(routes).filter(
      ([route]) => route.includes(":id") || !route.startsWith("GET"),
    );
    expect(perUser).toEqual([]);
    // Three lists read with pages of 100: groups (1 page), ~2,100 account users, ~1,900 printing users.
    expect(Object.keys(routes).sort()).toEqual([
      "GET /printing/v1/groups/",
      "GET /printing/v1/users/",
      "GET /v1/users/",
    ]);
    expect(sim().stats().requests).toBeLessThanOrEqual(1 + 22 + 20);
  });

  it("a batch lease of 1,000 keys is taken, excludes a second taker and is released", async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `big-test:${i}`);
    const lock = await tryLockMany(keys);
    expect(lock).not.toBeNull();
    expect(await tryLockMany(keys.slice(500, 501))).toBeNull();
    await lock!.release();
    expect(await db.jobLease.count({ where: { name: { startsWith: "lock:big-test:" } } })).toBe(0);
  });
});
