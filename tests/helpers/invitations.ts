// Shared setup of the invitation integration tests (invitations*.test.ts): the simulator, an
// admin and a helpdesk context of its organization, its groups, and typed access to action results.
import { afterEach, beforeAll, beforeEach } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/invitations/actions";

/** Loosely typed result rows: the assertions check their shape. */
export type Row = { email?: string; input?: string; outcome?: string; message?: string; warning?: string };
export type Data = { results: Row[]; sent?: number; ezeepError?: string };
export type Result =
  { ok: true; data: Data } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
export const dataOf = (r: Result) => (r as { ok: true; data: Data }).data;
export const errorOf = (r: Result) => (r as { ok: false; error: string }).error;
export const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input) as Promise<Result>;
export const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 8)}@newco.example`;
export const MIN = 60_000;

export interface InvitationsFixture {
  admin: OrgContext;
  helpdesk: OrgContext;
  groups: { id: string; name: string }[];
}

/**
 * Registers the hooks of an invitations test file: one simulator, faults cleared before each
 * test, the resend cooldown reset after each. `fixture()` is ready inside tests and later hooks.
 */
export function invitationsSuite() {
  const sim = useSimulator();
  let fixture: InvitationsFixture | undefined;
  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    fixture = {
      admin: await contextFor(org, "admin"),
      helpdesk: await contextFor(org, "helpdesk"),
      groups: (await ezeepFor(org).groups.all()).map((g) => ({ id: g.id, name: g.name })),
    };
  });
  beforeEach(() => sim().faults.clear());
  afterEach(() => {
    delete process.env.INVITATION_RESEND_COOLDOWN_MINUTES;
  });
  const ready = () => {
    if (!fixture) throw new Error("invitationsSuite(): the fixture is ready only after beforeAll");
    return fixture;
  };
  const ezeep = () => ezeepFor(ready().admin.organization);
  return {
    sim,
    fixture: ready,
    row: (email: string) => db.invitation.findFirstOrThrow({ where: { email } }),
    userByEmail: async (email: string) => (await ezeep().users.all()).find((u) => u.email === email),
    ezeepInvitation: async (email: string) =>
      (await ezeep().invitations.all()).find((i) => i.email === email),
  };
}
