// What the benchmarks share (scripts/bench.ts, bench-provisioning.ts, bench-users.ts): the portal
// pointed at a simulator, an organization with an NDD client and an API token, the payloads
// (groupings and users, part existing ezeep users, part new), and the in-process requests.
/** What the benchmarks need of a simulator, in this process or in its own. */
interface Sim {
  accountUrl: string;
  apiUrl: string;
  organizationId: string;
  clients: { clientId: string; clientSecret: string }[];
}
type AccountUser = import("@/lib/ezeep").AccountUser;

/** The portal's ezeep settings, pointed at the simulator's first client and organization. */
export function pointEnvAt(sim: Sim): void {
  const c = sim.clients[0]!;
  Object.assign(process.env, {
    EZEEP_CLIENT_ID: c.clientId,
    EZEEP_CLIENT_SECRET: c.clientSecret,
    EZEEP_ACCOUNT_URL: sim.accountUrl,
    EZEEP_API_URL: sim.apiUrl,
    EZEEP_ORGANIZATION_ID: sim.organizationId,
  });
}

/** The simulator's organization in the portal, with the NDD client "BENCH", an API token and its verified users. */
export async function nddBenchOrganization(sim: Sim, name: string) {
  const { ensureOrganization, ezeepFor } = await import("@/lib/organizations/service");
  const { createApiToken } = await import("@/lib/api-tokens/service");
  const { addClient } = await import("@/lib/provisioning/ndd/clients");
  const org = await ensureOrganization({ ezeepId: sim.organizationId, name });
  const ctx = {
    actor: { type: "system" as const, id: null, label: "bench" },
    organization: org,
    role: "owner" as const,
  };
  const { token } = await createApiToken(ctx, { name: "bench" });
  await addClient(ctx, { name: "BENCH" });
  const verified = (await ezeepFor(org).users.all({ perPage: 100 })).filter((u) => u.is_verified);
  return { org, token, verified };
}

/** 5 groupings of `perGroup` users: the first `existingPerGroup` of each are existing ezeep users. */
export function nddGroupings(verified: AccountUser[], perGroup: number, existingPerGroup: number) {
  return Array.from({ length: 5 }, (_, g) => ({
    GroupName: `Bench grouping ${g + 1}`,
    GroupDescription: `Synchronised from NDD (${g + 1})`,
    Users: Array.from({ length: perGroup }, (_, i) => {
      if (i < existingPerGroup) {
        const u = verified[(g * existingPerGroup + i) % verified.length]!;
        return { Logon: `user${g}_${i}`, Domain: "BENCH", Email: u.email };
      }
      return {
        Logon: `new${g}_${i}`,
        Domain: "BENCH",
        Name: `New ${g} ${i}`,
        Email: `new.${g}.${i}@bench.example`,
      };
    }),
  }));
}

/** `count` people for POST /v1/users: the first `existing` are existing ezeep users, the rest new (invited). */
export function nddUsers(verified: AccountUser[], count: number, existing: number) {
  return Array.from({ length: count }, (_, i) =>
    i < existing
      ? { Logon: `solo${i}`, Domain: "BENCH", Email: verified[i % verified.length]!.email }
      : { Logon: `solonew${i}`, Domain: "BENCH", Name: `Solo ${i}`, Email: `solo.${i}@bench.example` },
  );
}

/** One NDD request, handled in-process by the route's handler. */
export async function nddRequest(
  route: "groups/users" | "users",
  tenant: string,
  token: string,
  body: string,
): Promise<Response> {
  const request = new Request(`http://portal.bench/v1/${route}`, {
    method: "POST",
    headers: { Tenant: tenant, Authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  if (route === "groups/users") {
    const { handleNddGroupsUsers } = await import("@/lib/provisioning/ndd/groups-users");
    return handleNddGroupsUsers(request);
  }
  const { runNddEndpoint } = await import("@/lib/provisioning/ndd/http");
  const { usersEndpoint } = await import("@/lib/provisioning/ndd/users");
  return runNddEndpoint(usersEndpoint, request);
}
