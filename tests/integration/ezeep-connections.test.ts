// One home for ezeep connections (lib/organizations/connections.ts): one factory, one cache, one
// "not configured" error — and the token economy it buys: a tour of every service the pages use,
// the partner view and a start-up style token lookup cost exactly one client-credentials token per
// (client, organization).
import { beforeAll, describe, expect, it } from "vitest";

import { readDriftState } from "@/lib/audit/drift";
import type { OrgContext } from "@/lib/auth/context";
import { listConnectorsSchema } from "@/lib/connectors/schemas";
import { listConnectors } from "@/lib/connectors/service";
import { listDriversSchema } from "@/lib/drivers/schemas";
import { listDrivers, listVendors } from "@/lib/drivers/service";
import { withEzeepScope } from "@/lib/ezeep";
import { listGroupsSchema } from "@/lib/groups/schemas";
import { findGroup, listGroups, summarizeGroups } from "@/lib/groups/service";
import { syncInvitations } from "@/lib/invitations/service";
import { listMembersSchema } from "@/lib/memberships/schemas";
import { listGroupMembers } from "@/lib/memberships/service";
import {
  clientCredentialsTokens,
  ezeepFor,
  EzeepNotConfiguredError,
  forgetEzeepClient,
  partnerClient,
} from "@/lib/organizations/connections";
import { beginAuthorization } from "@/lib/organizations/oauth";
import { listPartnerOrganizations } from "@/lib/organizations/partner";
import { listPrintersSchema } from "@/lib/printers/schemas";
import { listEffectivePrinters, listPrinters } from "@/lib/printers/service";
import { invalidateDirectory } from "@/lib/users/directory";
import { loadUserPage } from "@/lib/users/page-data";
import { listUsersSchema } from "@/lib/users/schemas";
import { listUsers } from "@/lib/users/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

const sim = useSimulator({ latencyMs: 2 });
let owner: OrgContext;

beforeAll(async () => {
  owner = await contextFor(await portalOrganization(sim().organizationId), "owner");
});

describe("token economy", () => {
  it("a tour of every page's services costs one token per (client, organization)", async () => {
    sim().resetStats();
    const ctx = owner;
    const groups = await listGroups(ctx, listGroupsSchema.parse({}));
    const group = groups.items[0]!;
    // Pages run their loaders at once: the first requests of a cold process race for the token.
    await Promise.all([
      summarizeGroups(ctx),
      findGroup(ctx, group.id),
      listUsers(ctx, listUsersSchema.parse({})),
      listPrinters(ctx, listPrintersSchema.parse({})),
      listConnectors(ctx, listConnectorsSchema.parse({})),
      listVendors(ctx),
      listPartnerOrganizations(ctx),
    ]);
    const users = await listUsers(ctx, listUsersSchema.parse({}));
    const someone = users.items.find((u) => u.printing)!;
    await listGroupMembers(ctx, group.id, listMembersSchema.parse({}));
    await withEzeepScope(async () => {
      await loadUserPage(ctx, someone.id, { memberships: true, impact: true, printers: true });
      await listEffectivePrinters(ctx, someone.id);
    });
    await listDrivers(ctx, listDriversSchema.parse({}));
    await syncInvitations(ctx.organization);
    await readDriftState(ctx.organization);
    // A start-up script asking for the organization's token, and a client dropped and rebuilt
    // (after connecting/disconnecting) reuse the cached token.
    await clientCredentialsTokens(ctx.organization.ezeepId).getAccessToken();
    forgetEzeepClient(ctx.organization.id);
    invalidateDirectory(ctx.organization.id);
    await listUsers(ctx, listUsersSchema.parse({}));
    await partnerClient().organizations.list();

    const tokens = sim().stats().tokenRequests;
    // One for the organization, one for the partner's own token (no organization selector).
    expect(tokens.client_credentials).toBe(2);
    expect(tokens.failed).toBe(0);
  });

  it("one cache: the same client object per organization and for the partner", () => {
    expect(ezeepFor(owner.organization)).toBe(ezeepFor(owner.organization));
    expect(partnerClient()).toBe(partnerClient());
    expect(partnerClient()).not.toBe(ezeepFor(owner.organization));
    const before = ezeepFor(owner.organization);
    forgetEzeepClient(owner.organization.id);
    expect(ezeepFor(owner.organization)).not.toBe(before);
  });
});

describe("fewest calls", () => {
  it("the user page: account, printing user and groups, then the groups' assignments and the printers — nothing twice", async () => {
    const users = await listUsers(owner, listUsersSchema.parse({}));
    const someone = users.items.find((u) => u.printing && u.groups.length >= 2)!;
    sim().resetStats();
    await withEzeepScope(async () => {
      const page = await loadUserPage(owner, someone.id, { memberships: true, impact: true, printers: true });
      expect(page?.user.groups.map((g) => g.name).sort()).toEqual(someone.groups.map((g) => g.name).sort());
      await listEffectivePrinters(owner, someone.id); // the page's printers section
    });
    const { requests, byRoute } = sim().stats();
    const k = someone.groups.length;
    expect(requests).toBe(3 + k + 1); // before: the whole user index, or 11–15 requests
    expect(Object.entries(byRoute).filter(([route]) => /printing\/v1\/users\/[^/]+/.test(route))).toEqual([
      [expect.any(String), 1],
    ]);
  });
});

describe("the user page's early round 2", () => {
  it("reads round 2 beside round 1 from the directory's groups, and stays right when ezeep changed them", async () => {
    const client = ezeepFor(owner.organization);
    const users = await listUsers(owner, listUsersSchema.parse({}));
    const someone = users.items.find((u) => u.printing && u.groups.length >= 2)!;
    const left = someone.groups[0]!; // the directory still shows the user in this group
    const joined = (await client.groups.all()).find((g) => !someone.groups.some((x) => x.id === g.id))!;
    const [viaLeft, viaJoined] = await client.printers.all();
    await client.assignments.assign(viaLeft!.id, [left.id]);
    await client.assignments.assign(viaJoined!.id, [joined.id]);
    // Changed in ezeep directly: the portal's directory does not know.
    const now = [...someone.groups.slice(1).map((g) => g.id), joined.id];
    await client.printingUsers.setGroups(someone.id, now);

    sim().resetStats();
    const page = await withEzeepScope(() =>
      loadUserPage(owner, someone.id, { memberships: true, impact: true, printers: true }),
    );
    expect(page!.user.groups.map((g) => g.id).sort()).toEqual([...now].sort());
    const lost = page!.lostPrinters!;
    expect(lost.find((p) => p.id === viaJoined!.id)?.via).toContain(joined.name);
    expect(lost.every((p) => !p.via.includes(left.name))).toBe(true);
    // The guess cost one read of the group the user left; nothing was read twice.
    const assignments = sim().stats().byRoute["GET /printing/v1/assignments/"];
    expect(assignments).toBe(now.length + 1);
  });
});

describe("not configured", () => {
  it("every entry point refuses with the one error naming the variables", () => {
    const saved = process.env.EZEEP_CLIENT_SECRET;
    delete process.env.EZEEP_CLIENT_SECRET;
    try {
      for (const attempt of [
        () => ezeepFor(owner.organization),
        () => partnerClient(),
        () => clientCredentialsTokens(null),
        () => beginAuthorization(owner),
      ]) {
        expect(attempt).toThrow(EzeepNotConfiguredError);
        expect(attempt).toThrow(/EZEEP_CLIENT_ID and EZEEP_CLIENT_SECRET/);
      }
    } finally {
      process.env.EZEEP_CLIENT_SECRET = saved;
    }
  });
});
