// The users directory is kept in the database and shared by every portal instance: built from
// ezeep once, refreshed by the job (writing only differences), updated at once by the portal's own
// writes, and read by each instance without asking ezeep. A second instance is played by giving
// this process a fresh set of in-memory copies (what a new `next start` has).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createEzeepClient, ezeepConfigFromEnv, type EzeepClient } from "@/lib/ezeep";
import { runDueSlot } from "@/lib/jobs/runner";
import { ezeepFor } from "@/lib/organizations/service";
import { applyLocalChange, buildDirectory, getDirectory, usersDirectoryJob } from "@/lib/users/directory";
import { writeBuild } from "@/lib/users/directory-store";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/memberships/actions";

const sim = useSimulator();
const copies = globalThis as unknown as { __userDirectories?: Map<string, unknown> };
const instanceA = new Map<string, unknown>();
const instanceB = new Map<string, unknown>();

/** Runs `fn` as one portal instance (its own in-memory copies, the shared database). */
async function as<T>(instance: Map<string, unknown>, fn: () => Promise<T>): Promise<T> {
  copies.__userDirectories = instance;
  return fn();
}

const ezeepRequests = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  sim().resetStats();
  const result = await fn();
  return [result, sim().stats().requests];
};

describe("shared users directory", () => {
  let admin: OrgContext;
  let console_: EzeepClient;

  beforeAll(async () => {
    admin = await contextFor(await portalOrganization(sim().organizationId), "admin");
    console_ = createEzeepClient(ezeepConfigFromEnv()!);
  });
  beforeEach(() => sim().setLatency(0));

  it("is built from ezeep once; another instance reads it from the database without asking ezeep", async () => {
    const [built, buildRequests] = await ezeepRequests(() => as(instanceA, () => getDirectory(admin)));
    expect(buildRequests).toBeGreaterThan(0);
    expect(built.users.length).toBe((await console_.users.list({ page: 1, per_page: 1 })).count);
    const [shared, requests] = await ezeepRequests(() => as(instanceB, () => getDirectory(admin)));
    expect(requests).toBe(0);
    expect(shared.users.map((u) => u.id).sort()).toEqual(built.users.map((u) => u.id).sort());
    expect([...shared.groups.keys()].sort()).toEqual([...built.groups.keys()].sort());
    expect(await db.directoryEntry.count({ where: { organizationId: admin.organization.id } })).toBe(
      built.users.length + built.groups.size,
    );
  });

  it("shows a change made through one instance in the other at once", async () => {
    const b = await as(instanceB, () => getDirectory(admin));
    const user = b.users.find((u) => u.printing)!;
    const group = [...b.groups.values()].find((g) => !user.groupIds.includes(g.id))!;
    await as(instanceA, async () =>
      expect(
        await actionRegistry.get("membership.add")!.invoke(admin, { userId: user.id, groupIds: [group.id] }),
      ).toMatchObject({ ok: true }),
    );
    const [seen, requests] = await ezeepRequests(() => as(instanceB, () => getDirectory(admin)));
    expect(seen.byId.get(user.id)!.groupIds).toContain(group.id);
    expect(requests).toBe(0);
  });

  it("picks up changes made in ezeep's console when the refresh job runs, writing only what differs", async () => {
    const renamed = (await console_.groups.list()).results[0];
    await console_.groups.update(renamed.id, { name: "Renamed in the console" });
    const before = await db.directoryState.findUnique({ where: { organizationId: admin.organization.id } });
    expect(await runDueSlot(usersDirectoryJob, { holder: "instance-a" })).toBe("ran");
    expect(await runDueSlot(usersDirectoryJob, { holder: "instance-b" })).toBe("done-elsewhere");
    const changed = await db.directoryEntry.findMany({
      where: { organizationId: admin.organization.id, seq: { gt: before!.seq } },
    });
    expect(changed.map((e) => [e.kind, e.id])).toEqual([["group", renamed.id]]);
    const dir = await as(instanceB, () => getDirectory(admin));
    expect(dir.groups.get(renamed.id)!.name).toBe("Renamed in the console");
  });

  it("keeps a portal change made while a refresh was reading ezeep", async () => {
    const orgId = admin.organization.id;
    const sinceSeq = (await db.directoryState.findUnique({ where: { organizationId: orgId } }))!.seq;
    const staleBuild = await buildDirectory(ezeepFor(admin.organization)); // read before the change
    const user = staleBuild.users.find((u) => u.printing)!;
    await applyLocalChange(orgId, {
      userId: user.id,
      flags: { local_printing_enabled: !user.flags.local_printing_enabled },
    });
    await writeBuild(orgId, staleBuild, sinceSeq);
    const dir = await as(instanceA, () => getDirectory(admin));
    expect(dir.byId.get(user.id)!.flags.local_printing_enabled).toBe(!user.flags.local_printing_enabled);
  });

  it("removes a deleted user everywhere, also for an instance that has been idle", async () => {
    const idle = await as(instanceB, () => getDirectory(admin));
    const victim = idle.users.find((u) => u.printing)!;
    await as(instanceA, () => applyLocalChange(admin.organization.id, { removeId: victim.id }));
    expect((await as(instanceB, () => getDirectory(admin))).byId.has(victim.id)).toBe(false);
    expect(
      await db.directoryEntry.findUnique({
        where: {
          organizationId_kind_id: { organizationId: admin.organization.id, kind: "user", id: victim.id },
        },
      }),
    ).toMatchObject({ data: null });
  });
});
