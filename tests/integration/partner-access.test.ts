// Whether the portal may create organizations (lib/organizations/partner-access.ts): a partner
// client may; a client without partner rights is told so in plain words before any form, and
// the demo's simulated client (scripts/lib/portal-setup.ts) is a partner whose redirect URIs
// follow the portal's port.
import { describe, expect, it } from "vitest";

import { NOT_PARTNER_MESSAGE, partnerAccess } from "@/lib/organizations/partner-access";
import { demoRedirectUri, demoRedirectUris } from "@/scripts/lib/portal-setup";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

describe("partner access: a partner client", () => {
  const sim = useSimulator();
  it("lists the partner organizations", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-partner@test.example");
    expect((await partnerAccess(owner)).state).toBe("partner");
  });
});

describe("partner access: a client without partner rights", () => {
  const sim = useSimulator({
    clients: [
      { clientId: "plain-client", clientSecret: "plain-secret-123456", organizationIds: [], partner: false },
    ],
  });
  it("says so in plain words, without API paths or document references", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-plain@test.example");
    expect(await partnerAccess(owner)).toEqual({ state: "not-partner" });
    expect(NOT_PARTNER_MESSAGE).not.toMatch(/§|\/v1\/|\/partner\/|ezeep-api/);
  });
});

describe("demo redirect URI", () => {
  it("follows the portal's port and is registered on both loopback names", () => {
    const uri = demoRedirectUri("http://127.0.0.1:3456");
    expect(uri).toBe(process.env.EZEEP_REDIRECT_URI || "http://127.0.0.1:3456/code");
    expect(demoRedirectUris(3456, "http://127.0.0.1:3456/code").sort()).toEqual([
      "http://127.0.0.1:3456/code",
      "http://localhost:3456/code",
    ]);
  });
});
