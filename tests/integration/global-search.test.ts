// Global search (lib/search): one read-only action, every source the admin may read, results
// that link to detail pages, and bad input answered with a plain message.
import { describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import { createGroup } from "@/lib/groups/service";
import { inviteMany } from "@/lib/invitations/service";
import { ezeepFor } from "@/lib/organizations/service";
import type { SearchSection } from "@/lib/search/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/search/actions";

describe("global search", () => {
  const sim = useSimulator();

  testActionAuthorization(sim, {
    "search.global": async () => ({ q: "acme" }),
  });

  it("finds users, groups, printers, invitations and audit entries, each linking to its page", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-search@test.example");
    const tag = `zq${Math.random().toString(36).slice(2, 7)}`;
    const group = await createGroup(owner, { name: `${tag} team`, description: "" });
    await inviteMany(owner, { emails: `${tag}@newco.example`, role: "user", groupIds: [] });
    const printer = (await ezeepFor(org).printers.all())[0];

    const search = async (q: string) => {
      const result = await actionRegistry.get("search.global")!.invoke(owner, { q });
      expect(result.ok).toBe(true);
      return (result as { data: SearchSection[] }).data;
    };
    const byTag = await search(tag);
    expect(byTag.map((s) => s.source)).toEqual(["users", "groups", "printers", "invitations", "audit"]);
    const hrefs = (sections: SearchSection[], source: string) =>
      sections.find((s) => s.source === source)!.hits.map((h) => h.href);
    expect(hrefs(byTag, "groups")).toEqual([`/groups/${group.id}`]);
    expect(hrefs(byTag, "invitations")).toEqual([
      `/invitations?q=${encodeURIComponent(`${tag}@newco.example`)}`,
    ]);
    expect(hrefs(byTag, "audit").length).toBeGreaterThanOrEqual(1);
    expect(hrefs(byTag, "audit").every((h) => /^\/audit\/\d+$/.test(h))).toBe(true);
    expect(hrefs(byTag, "printers")).toEqual([]);

    const person = (await ezeepFor(org).users.all()).find((u) => u.is_verified)!;
    expect(hrefs(await search(person.email), "users")).toEqual([`/users/${person.id}`]);

    const byPrinter = await search(printer.name);
    expect(hrefs(byPrinter, "printers")).toContain(`/printers/${printer.id}`);
  });

  it("answers a one-letter search with a plain message", async () => {
    const org = await portalOrganization(sim().organizationId);
    const auditor = await contextFor(org, "auditor", "auditor-search@test.example");
    expect(await actionRegistry.get("search.global")!.invoke(auditor, { q: "a" })).toMatchObject({
      ok: false,
      error: "Type at least two characters.",
    });
  });
});
