// Calls the NDD-compatible route handlers as Next calls them, with a real API token.
import { beforeAll } from "vitest";

import { POST as groupsUsersSync } from "@/app/v1/groups/users-sync/route";
import { POST as groupsUsers } from "@/app/v1/groups/users/route";
import { POST as users } from "@/app/v1/users/route";
import { POST as usersSync } from "@/app/v1/users/synchronize/route";
import { createApiToken } from "@/lib/api-tokens/service";
import type { OrgContext } from "@/lib/auth/context";
import type { Simulator } from "@/lib/ezeep-simulator";
import { addClient } from "@/lib/provisioning/ndd/clients";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";

const ROUTES = {
  "/v1/groups/users": groupsUsers,
  "/v1/groups/users-sync": groupsUsersSync,
  "/v1/users": users,
  "/v1/users/synchronize": usersSync,
} as const;

export type NddPath = keyof typeof ROUTES;

export function nddCaller(auth: () => { token: string; tenant: string }) {
  return (path: NddPath, body: unknown, query = "") => {
    const { token, tenant } = auth();
    return ROUTES[path](
      new Request(`http://portal.test${path}${query}`, {
        method: "POST",
        headers: { "content-type": "application/json", Tenant: tenant, Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }),
    );
  };
}

/**
 * Registers a beforeAll that makes the simulator's organization ready for NDD calls: an owner,
 * an API token (`tokenName`, the actor label of every call) and the NDD client `client`. `call`
 * sends requests with that token and tenant; `owner()`, `token()` and `tenant()` are ready inside
 * tests and in the file's own beforeAll hooks registered after this one.
 */
export function nddSuite(sim: () => Simulator, options: { client?: string; tokenName?: string } = {}) {
  const { client = "ABC", tokenName = "NDD" } = options;
  let owner: OrgContext | undefined;
  let token = "";
  let tenant = "";
  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    owner = await contextFor(org, "owner");
    token = (await createApiToken(owner, { name: tokenName })).token;
    tenant = org.name;
    await addClient(owner, { name: client });
  });
  return {
    call: nddCaller(() => ({ token, tenant })),
    owner: (): OrgContext => {
      if (!owner) throw new Error("nddSuite(): the owner is ready only after beforeAll");
      return owner;
    },
    token: () => token,
    tenant: () => tenant,
  };
}
