// A repeated identical NDD request that changes nothing must cost ezeep reads only and the
// database nothing but its one audit entry: no lease rows left, no identity, grouping, member or
// invitation row added or rewritten, no per-person audit entry. Runs on SQLite and PostgreSQL
// (TEST_DATABASE). The first run also must read the members' groups listing only once.
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";
import { ezeepFor } from "@/lib/organizations/service";
import { nddSuite } from "@/tests/helpers/ndd";
import { useSimulator } from "@/tests/helpers/simulator";

const PER_GROUPING = 150;
const EXISTING = 120;

type Counter = { count: () => Promise<number> };

/** Rows per table, for every model of the schema. */
async function rowCounts(): Promise<Record<string, number>> {
  const models = Object.values(Prisma.ModelName);
  const delegates = db as unknown as Record<string, Counter>;
  const counts = await Promise.all(
    models.map((name) => delegates[name.charAt(0).toLowerCase() + name.slice(1)]!.count()),
  );
  return Object.fromEntries(models.map((name, i) => [name, counts[i]!]));
}

/** The newest write time of each NDD table and of the invitations: an update moves it. */
async function lastWrites() {
  const [identity, grouping, invitation] = await Promise.all([
    db.nddIdentity.aggregate({ _max: { updatedAt: true, lastSeenAt: true } }),
    db.nddGrouping.aggregate({ _max: { lastSeenAt: true } }),
    db.invitation.aggregate({ _max: { updatedAt: true } }),
  ]);
  return { identity: identity._max, grouping: grouping._max, invitation: invitation._max };
}

describe("a repeated identical NDD request", () => {
  const sim = useSimulator({ seed: { users: 400, groups: 3 } });
  const { call, owner } = nddSuite(sim, { client: "REPEAT", tokenName: "NDD repeat" });
  let body: unknown;

  beforeAll(async () => {
    const verified = (await ezeepFor(owner().organization).users.all({ perPage: 100 })).filter(
      (u) => u.is_verified,
    );
    // Existing ezeep users (memberships), new people (invitations), and one without Email (waiting).
    body = {
      Client: "REPEAT",
      Groups: [0, 1].map((g) => ({
        GroupName: `Repeat ${g}`,
        GroupDescription: `grouping ${g}`,
        Users: [
          ...Array.from({ length: PER_GROUPING }, (_, i) =>
            i < EXISTING
              ? { Logon: `u${g * 60 + i}`, Domain: "REP", Email: verified[g * 60 + i]!.email }
              : { Logon: `n${g}_${i}`, Domain: "REP", Name: `New ${i}`, Email: `n.${g}.${i}@rep.example` },
          ),
          { Logon: "waiting", Domain: "REP", Name: "No Email Yet" },
        ],
      })),
    };
  });

  it("the first run reads the members' groups listing once and writes every membership", async () => {
    sim().resetStats();
    const res = await call("/v1/groups/users", body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    const routes = sim().stats().byRoute;
    // One listing with pages of 100 (the seed's printing users), no per-user re-read.
    expect(routes["GET /printing/v1/users/"]).toBe(Math.ceil(400 / 100));
    expect(routes["GET /printing/v1/users/:id/"]).toBeUndefined();
    // 2 × 120 existing people overlapping by 60: 180 people, each written once with all their groups.
    expect(routes["PATCH /printing/v1/users/:id/"]).toBe(180);
    expect(await db.nddIdentity.count({ where: { clientKey: "repeat" } })).toBe(2 * PER_GROUPING - 60 + 1);
    expect(await db.nddGroupingMember.count()).toBe(2 * (PER_GROUPING + 1));
  });

  it("makes no ezeep write and no database write besides its one audit entry", async () => {
    const rowsBefore = await rowCounts();
    const writesBefore = await lastWrites();
    const newestEntry = (await db.auditEntry.aggregate({ _max: { id: true } }))._max.id ?? 0;
    sim().resetStats();

    const res = await call("/v1/groups/users", body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);

    const writes = Object.keys(sim().stats().byRoute).filter((route) => !route.startsWith("GET "));
    expect(writes).toEqual([]);
    const entries = await db.auditEntry.findMany({ where: { id: { gt: newestEntry } } });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([["ndd.groups_users", "success"]]);
    expect(await rowCounts()).toEqual({ ...rowsBefore, AuditEntry: rowsBefore.AuditEntry! + 1 });
    expect(await lastWrites()).toEqual(writesBefore);
  });
});

// Above 1,600 people the identities and the pending invitations are read whole instead of in IN
// lists (lib/provisioning/ndd/identities.ts): the links must come out the same.
describe("a repeated /v1/users request of 1,800 people", () => {
  const sim = useSimulator({ seed: { users: 150, groups: 1 } });
  const { call, owner } = nddSuite(sim, { client: "LARGE", tokenName: "NDD large" });
  const NEW = 1_700;
  let body: unknown;

  beforeAll(async () => {
    const verified = (await ezeepFor(owner().organization).users.all({ perPage: 100 })).filter(
      (u) => u.is_verified,
    );
    body = {
      Client: "LARGE",
      Users: [
        ...verified.slice(0, 100).map((u, i) => ({ Logon: `v${i}`, Domain: "BIG", Email: u.email })),
        ...Array.from({ length: NEW }, (_, i) => ({
          Logon: `n${i}`,
          Domain: "BIG",
          Name: `New ${i}`,
          Email: `new.${i}@big.example`,
        })),
      ],
    };
    // A pending invitation of someone outside the request must not be linked to anyone.
    await db.invitation.create({
      data: { organizationId: owner().organization.id, email: "outside@big.example", status: "pending" },
    });
  });

  it("links every new person to the portal's pending invitation for their address", async () => {
    const res = await call("/v1/users", body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    const identities = await db.nddIdentity.findMany({ where: { clientKey: "large" } });
    expect(identities).toHaveLength(100 + NEW);
    const invitations = await db.invitation.findMany({ where: { status: "pending" } });
    const invitationOf = new Map(invitations.map((i) => [i.email, i.id]));
    const invited = identities.filter((r) => r.state === "invited");
    expect(invited).toHaveLength(NEW);
    for (const r of invited) expect(r.invitationId).toBe(invitationOf.get(r.email!));
    expect(identities.filter((r) => r.state === "active")).toHaveLength(100);
    expect(identities.some((r) => r.invitationId === invitationOf.get("outside@big.example"))).toBe(false);
  });

  it("the repeat makes no ezeep write and no database write besides its one audit entry", async () => {
    const rowsBefore = await rowCounts();
    const writesBefore = await lastWrites();
    sim().resetStats();
    const res = await call("/v1/users", body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    expect(Object.keys(sim().stats().byRoute).filter((route) => !route.startsWith("GET "))).toEqual([]);
    expect(await rowCounts()).toEqual({ ...rowsBefore, AuditEntry: rowsBefore.AuditEntry! + 1 });
    expect(await lastWrites()).toEqual(writesBefore);
  });
});
