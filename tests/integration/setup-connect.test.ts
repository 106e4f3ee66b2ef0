// First-run setup with "Connect with ezeep": the owner is created alone, then the authorization
// code flow adds the first organization with them as its owner (lib/organizations/oauth.ts).
import { randomBytes } from "node:crypto";

import { afterAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { beginFirstRunAuthorization, completeAuthorization } from "@/lib/organizations/oauth";
import { completeSetup, firstRunConnectAllowed, issueSetupCode } from "@/lib/setup/service";
import { useSimulator } from "@/tests/helpers/simulator";

const previousKey = process.env.PORTAL_ENCRYPTION_KEY;
process.env.PORTAL_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const meta = { ip: "127.0.0.1", userAgent: "vitest", requestId: "req-setup-connect" };

describe("first-run setup with Connect with ezeep", () => {
  const sim = useSimulator();
  afterAll(() => {
    if (previousKey === undefined) delete process.env.PORTAL_ENCRYPTION_KEY;
    else process.env.PORTAL_ENCRYPTION_KEY = previousKey;
  });

  it("creates the owner without an organization, then connects the first one", async () => {
    const code = (await issueSetupCode())!;
    const done = await completeSetup(
      {
        code,
        email: "owner@connect.example",
        name: "Owner",
        password: "a-long-password-2",
        organization: "connect",
      },
      meta,
    );
    expect(done).toEqual({ ok: true, data: { email: "owner@connect.example", organization: null } });
    const admin = await db.admin.findUniqueOrThrow({ where: { email: "owner@connect.example" } });
    expect(await db.organization.count()).toBe(0);
    expect(await firstRunConnectAllowed(admin.id)).toBe(true);

    const started = beginFirstRunAuthorization(admin.id);
    const res = await fetch(`${started.url}&auto=1`, { redirect: "manual" });
    const back = new URL(res.headers.get("location")!);
    const connected = await completeAuthorization({
      code: back.searchParams.get("code"),
      state: back.searchParams.get("state"),
      error: null,
      cookieValue: started.cookieValue,
      meta,
    });
    expect(connected.created).toBe(true);
    expect(connected.organization.ezeepId).toBe(sim().organizationId);
    const role = await db.role.findFirstOrThrow({ where: { adminId: admin.id } });
    expect(role).toMatchObject({ role: "owner", organizationId: connected.organization.id });
    // once an organization exists, the first-run path is closed
    expect(await firstRunConnectAllowed(admin.id)).toBe(false);
    const again = beginFirstRunAuthorization(admin.id);
    const back2 = new URL(
      (await fetch(`${again.url}&auto=1`, { redirect: "manual" })).headers.get("location")!,
    );
    await expect(
      completeAuthorization({
        code: back2.searchParams.get("code"),
        state: back2.searchParams.get("state"),
        error: null,
        cookieValue: again.cookieValue,
        meta,
      }),
    ).rejects.toThrow(/Only owners can connect/);
  });
});
