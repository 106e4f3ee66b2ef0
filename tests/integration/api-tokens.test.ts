// API tokens: created and revoked by owners, shown once, stored hashed, scoped to one organization.
import { beforeAll, describe, expect, it } from "vitest";

import { POST } from "@/app/v1/groups/users/route";
import { authenticateApiToken, createApiToken, hashApiToken, listApiTokens } from "@/lib/api-tokens/service";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { ensureOrganization } from "@/lib/organizations/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/api-tokens/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
let counter = 0;

describe("API tokens", () => {
  const sim = useSimulator();
  let owner: OrgContext;
  let otherOwner: OrgContext;

  beforeAll(async () => {
    owner = await contextFor(
      await portalOrganization(sim().organizationId),
      "owner",
      "tokens-owner@test.example",
    );
    const other = await ensureOrganization({ ezeepId: "other-org-ezeep-id", name: "Other Org" });
    otherOwner = await contextFor(other, "owner", "other-owner@test.example");
  });

  testActionAuthorization(sim, {
    "apiToken.create": async () => ({ name: `token ${++counter}` }),
    "apiToken.revoke": async (ownerCtx) => ({
      id: (await createApiToken(ownerCtx, { name: `to revoke ${++counter}` })).id,
    }),
  });

  it("shows the token once and stores only its hash", async () => {
    const result = await invoke("apiToken.create", owner, { name: "Orbix sync" });
    expect(result.ok).toBe(true);
    const { token, id, prefix } = (
      result as { ok: true; data: { token: string; id: string; prefix: string } }
    ).data;
    expect(token).toMatch(/^ezp_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await listApiTokens(owner);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.find((t) => t.id === id)).toMatchObject({ name: "Orbix sync", revokedAt: null });
    // nor in the audit log
    const entries = await db.auditEntry.findMany({ where: { action: "api_token.create" } });
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(entries.find((e) => e.targetId === id)).toMatchObject({
      outcome: "success",
      actorId: owner.actor.id,
    });
  });

  it("refuses a second active token with the same name", async () => {
    await invoke("apiToken.create", owner, { name: "Twice" });
    expect(await invoke("apiToken.create", owner, { name: "Twice" })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(Array) },
    });
    expect(await invoke("apiToken.create", owner, { name: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Enter a name for the token."] },
    });
  });

  it("authenticates a live token (recording its use) and refuses a revoked one at once", async () => {
    const created = await createApiToken(owner, { name: "Short lived" });
    const auth = await authenticateApiToken(`Bearer ${created.token}`);
    expect(auth).toMatchObject({ id: created.id, organization: { id: owner.organization.id } });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    expect(await invoke("apiToken.revoke", owner, { id: created.id })).toMatchObject({ ok: true });
    expect(await authenticateApiToken(`Bearer ${created.token}`)).toBeNull();
    const res = await POST(
      new Request("http://portal.test/v1/groups/users", {
        method: "POST",
        headers: { Tenant: "Acme Corp", Authorization: `Bearer ${created.token}` },
        body: JSON.stringify({ Client: "ABC", Groups: [{ GroupName: "After revoke", Users: [] }] }),
      }),
    );
    expect(res.status).toBe(401);
    const entry = await db.auditEntry.findFirst({
      where: { action: "api_token.revoke", targetId: created.id },
    });
    expect(entry).toMatchObject({ outcome: "success", before: expect.stringContaining('"revoked":false') });
  });

  it("an owner of another organization can neither list nor revoke this organization's tokens", async () => {
    const mine = await createApiToken(owner, { name: "Mine" });
    expect((await listApiTokens(otherOwner)).map((t) => t.id)).not.toContain(mine.id);
    const result = await invoke("apiToken.revoke", otherOwner, { id: mine.id });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not found/) });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt).toBeNull();
  });

  it("a token of one organization cannot act on another: the Tenant must name the token's own organization", async () => {
    const theirs = await createApiToken(otherOwner, { name: "Theirs" });
    const res = await POST(
      new Request("http://portal.test/v1/groups/users", {
        method: "POST",
        headers: { Tenant: "Acme Corp", Authorization: `Bearer ${theirs.token}` },
        body: JSON.stringify({ Client: "ABC", Groups: [{ GroupName: "Cross org", Users: [] }] }),
      }),
    );
    expect(res.status).toBe(403);
    const entry = await db.auditEntry.findFirst({
      where: { action: "ndd.groups_users", actorId: theirs.id },
    });
    expect(entry).toMatchObject({ organizationId: otherOwner.organization.id, outcome: "failure" });
  });
});
