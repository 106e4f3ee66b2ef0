// Finds the ezeep organization a client-credentials client acts for: the `org` claim of a token
// (with EZEEP_ORGANIZATION_ID sent as `organization_id`; docs/ezeep.md, "Tokens") and its name from
// GET /v1/organizations/. Works against the simulator and the real ezeep. Used by the first-run
// setup page, `npm run org:register` and `npm run demo` / `npm run dev`.

import "server-only";

export interface DiscoveredOrganization {
  ezeepId: string;
  name: string;
}

export async function discoverOrganizationOverHttp(opts: {
  accountUrl: string;
  clientId: string;
  clientSecret: string;
  organizationId?: string;
  timeoutMs?: number;
}): Promise<DiscoveredOrganization> {
  const base = opts.accountUrl.replace(/\/+$/, "");
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 15_000);
  const form = new URLSearchParams({ grant_type: "client_credentials", scope: "printing" });
  if (opts.organizationId) form.set("organization_id", opts.organizationId);
  const basic = Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString("base64");
  const tokenRes = await fetch(`${base}/oauth/access_token/`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: form,
    signal,
  });
  if (!tokenRes.ok) {
    throw new Error(
      `ezeep at ${base} refused the client credentials (HTTP ${tokenRes.status}); check EZEEP_CLIENT_ID / EZEEP_CLIENT_SECRET`,
    );
  }
  const { access_token: token } = (await tokenRes.json()) as { access_token?: string };
  let ezeepId = opts.organizationId;
  try {
    const claims = JSON.parse(
      Buffer.from(String(token).split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as { org?: string };
    ezeepId ??= claims.org;
  } catch {
    /* opaque token: rely on the organization list */
  }
  let name: string | undefined;
  const orgsRes = await fetch(`${base}/v1/organizations/`, {
    headers: { authorization: `Bearer ${token}` },
    signal,
  });
  if (orgsRes.ok) {
    const body = (await orgsRes.json()) as { results?: { id: string; name: string }[] };
    const list = body.results ?? [];
    // Without a named organization, only an unambiguous list tells which one it is.
    const onlyOne = list.length === 1 ? list[0] : undefined;
    const match = ezeepId ? list.find((o) => o.id === ezeepId) : onlyOne;
    ezeepId ??= match?.id;
    name = match?.name;
  }
  if (!ezeepId) {
    throw new Error(
      "could not tell which ezeep organization these credentials act for: set EZEEP_ORGANIZATION_ID",
    );
  }
  return { ezeepId, name: name ?? `ezeep organization ${ezeepId}` };
}
