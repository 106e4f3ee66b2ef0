// Shared setup of the users integration tests (users*.test.ts): an admin of the simulator's
// organization with ezeep's users read once, faults and latency reset before each test.
import { beforeAll, beforeEach } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import type { AccountUser, PrintingUser } from "@/lib/ezeep";
import type { Simulator } from "@/lib/ezeep-simulator";
import { ezeepFor } from "@/lib/organizations/service";
import { listUsersSchema } from "@/lib/users/schemas";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";

import "@/lib/users/actions";

export const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
export const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 9)}`;
export const query = (q: Record<string, unknown> = {}) => listUsersSchema.parse(q);

/** A new verified user (invite + accept in the simulator), with a printing row. */
export async function freshUser(sim: Simulator, owner: OrgContext, first = "Fresh"): Promise<AccountUser> {
  const email = `${unique("fresh.")}@example.com`;
  const inv = await ezeepFor(owner.organization).invitations.create({
    email,
    expire_date: new Date(Date.now() + 86_400_000),
  });
  return sim.acceptInvitation(inv.id, { firstName: first, lastName: "Person" }) as unknown as AccountUser;
}

export interface UsersFixture {
  admin: OrgContext;
  /** ezeep's users as they were when the file started (account host, printing host). */
  accounts: AccountUser[];
  printing: PrintingUser[];
}

/** Registers the hooks of a users test file; `fixture()` is ready inside tests and later hooks. */
export function usersSuite(sim: () => Simulator): () => UsersFixture {
  let fixture: UsersFixture | undefined;
  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    fixture = {
      admin: await contextFor(org, "admin"),
      accounts: await ezeepFor(org).users.all(),
      printing: await ezeepFor(org).printingUsers.all(),
    };
  });
  beforeEach(() => {
    sim().faults.clear();
    sim().setLatency(0);
  });
  return () => {
    if (!fixture) throw new Error("usersSuite(): the fixture is ready only after beforeAll");
    return fixture;
  };
}
