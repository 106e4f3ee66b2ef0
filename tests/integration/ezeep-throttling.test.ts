// Retry-After is one gate per (ezeep host, API client), held across portal instances through the
// database, and the concurrency budget is split between live instances (lib/ezeep/lanes.ts,
// lib/organizations/budget-sharing.ts). Against the simulator's throttling window: once ezeep
// answered 429, no request of that client to that host is sent before the window has passed.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createEzeepClient, createLane, laneFor, laneKey, type EzeepClient, type Lane } from "@/lib/ezeep";
import { bulkAddToGroup } from "@/lib/memberships/bulk";
import { databaseLaneStore, heartbeatShare } from "@/lib/organizations/budget-sharing";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

const sim = useSimulator();
const GROUPS = "/printing/v1/groups/";
let admin: OrgContext;

beforeAll(async () => {
  admin = await contextFor(await portalOrganization(sim().organizationId), "admin");
});

async function waitFor(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
}

/** The gate of the portal client's printing-host lane, as stored in the database. */
async function storedGate(): Promise<number> {
  const row = await db.ezeepGate.findUnique({
    where: { key: laneKey(sim().apiUrl, sim().clients[0]!.clientId) },
  });
  return row?.blockedUntil.getTime() ?? 0;
}

/** A second "portal instance": its own lanes (own limiter, own gate cache), the same database. */
function instanceClient(): EzeepClient {
  const c = sim().clients[0]!;
  const lanes = new Map<string, Lane>();
  return createEzeepClient({
    accountUrl: sim().accountUrl,
    apiUrl: sim().apiUrl,
    credentials: { clientId: c.clientId, clientSecret: c.clientSecret, organizationId: sim().organizationId },
    lanes: (host) => {
      const base = host === "account" ? sim().accountUrl : sim().apiUrl;
      const key = laneKey(base, c.clientId);
      if (!lanes.has(host)) lanes.set(host, createLane(key, { store: databaseLaneStore, maxConcurrency: 4 }));
      return lanes.get(host)!;
    },
  });
}

describe("Retry-After gate", () => {
  it("holds the other parallel requests of a page: one 429, then everyone waits it out", async () => {
    const client = ezeepFor(admin.organization);
    await client.groups.list({ limit: 1 }); // token outside the window
    sim().resetStats();
    sim().faults.add({ host: "api", path: GROUPS, kind: "rate_limit", retryAfter: 1, window: true });
    const started = Date.now();
    const first = client.groups.list({ limit: 1 });
    await waitFor(() => laneFor(sim().apiUrl, sim().clients[0]!.clientId).blockedUntil() > 0);
    // The rest of the page's reads start while ezeep's window is open.
    const rest = Array.from({ length: 12 }, (_, i) => client.groups.list({ limit: 1, offset: i }));
    const pages = await Promise.all([first, ...rest]);
    sim().faults.clear();
    expect(pages).toHaveLength(13);
    expect(sim().stats().rateLimited).toBe(1); // before: every parallel request was throttled too
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("retries a POST after a 429 (refused before it was applied) and creates the group once", async () => {
    const client = ezeepFor(admin.organization);
    sim().resetStats();
    sim().faults.add({
      host: "api",
      method: "POST",
      path: GROUPS,
      kind: "rate_limit",
      retryAfter: 1,
      times: 1,
    });
    const created = await client.groups.create({ name: "Throttled create" });
    const named = (await client.groups.all()).filter((g) => g.name === "Throttled create");
    expect(named.map((g) => g.id)).toEqual([created.id]);
    expect(sim().stats().rateLimited).toBe(1);
  });

  it("holds across two portal instances sharing the database", async () => {
    const a = instanceClient();
    const b = instanceClient();
    await Promise.all([a.groups.list({ limit: 1 }), b.groups.list({ limit: 1 })]); // tokens
    sim().resetStats();
    sim().faults.add({ host: "api", path: GROUPS, kind: "rate_limit", retryAfter: 2, window: true });
    const started = Date.now();
    const fromA = a.groups.list({ limit: 1 });
    await waitFor(async () => (await storedGate()) > Date.now());
    // B trusts its last read of the shared gate for 250 ms (lanes.ts): after that it sees A's.
    await new Promise((r) => setTimeout(r, 300));
    const fromB = await Promise.all(Array.from({ length: 5 }, () => b.groups.list({ limit: 1 })));
    const bDone = Date.now();
    await fromA;
    sim().faults.clear();
    expect(fromB).toHaveLength(5);
    expect(sim().stats().rateLimited).toBe(1); // B never ran into A's window
    expect(bDone - started).toBeGreaterThanOrEqual(1900);
  });

  it("tells the admin how long ezeep made a bulk change wait", async () => {
    const client = ezeepFor(admin.organization);
    const group = await client.groups.create({ name: "Throttled bulk" });
    const users = (await client.printingUsers.list({ limit: 3 })).results.map((u) => u.id);
    sim().faults.add({
      host: "api",
      method: "PATCH",
      path: "/printing/v1/users/",
      kind: "rate_limit",
      retryAfter: 1,
      times: 1,
    });
    const { results, throttledMs } = await bulkAddToGroup(admin, { groupId: group.id, userIds: users });
    sim().faults.clear();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(throttledMs).toBeGreaterThanOrEqual(500);
  });
});

describe("concurrency budget across instances", () => {
  it("gives each live instance budget ÷ live instances, and forgets silent ones", async () => {
    const now = Date.now();
    await db.ezeepInstance.deleteMany({});
    expect(await heartbeatShare("instance-a", 8, now)).toBe(8);
    expect(await heartbeatShare("instance-b", 8, now)).toBe(4);
    await db.ezeepInstance.create({ data: { id: "instance-dead", heartbeatAt: new Date(now - 60_000) } });
    expect(await heartbeatShare("instance-a", 8, now)).toBe(4); // the silent one does not count
    await db.ezeepInstance.create({ data: { id: "instance-c", heartbeatAt: new Date(now) } });
    expect(await heartbeatShare("instance-a", 8, now)).toBe(2);
    expect(await heartbeatShare("instance-a", 1, now)).toBe(1); // never below one
  });

  it("keeps the lane's requests in flight within its share", async () => {
    const lane = createLane("budget-test", { maxConcurrency: 8 });
    lane.limiter.setMax(3);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        lane.limiter(async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 10));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
