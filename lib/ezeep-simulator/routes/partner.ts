// Partner API (§3.1): organizations controlled by a partner client (client-credentials tokens only).
import { randomUUID } from "node:crypto";

import {
  fieldError,
  HttpError,
  json,
  jsonBody,
  noContent,
  notFound,
  optString,
  pageNumber,
  reqString,
  type Ctx,
  type JsonObject,
  type Reply,
} from "../http";
import { route, type Route, type Runtime } from "../runtime";
import { newOrg, type OrgRec } from "../state";
import type { SimulatorClient } from "../types";
import { UUID_RE } from "../util";
import { parseEmail, parseExpireDate } from "./account";

const CURRENCIES = new Set(["USD", "EUR"]);
const LANGUAGES = new Set(["en", "de"]);

function partnerClient(ctx: Ctx, rt: Runtime): SimulatorClient {
  // The dispatcher already checked that the token is a partner client's; this only looks it up.
  const client = rt.state.clients.find((c) => c.clientId === ctx.auth?.claims.client_id);
  if (!client) throw new HttpError(403, { detail: "You do not have permission to perform this action." });
  return client;
}

function controlledOrg(ctx: Ctx, rt: Runtime): { client: SimulatorClient; org: OrgRec } {
  const client = partnerClient(ctx, rt);
  const org = client.organizationIds.includes(ctx.params.id) ? rt.state.orgs.get(ctx.params.id) : undefined;
  if (!org) throw notFound();
  return { client, org };
}

function currency(body: JsonObject, required: boolean): string | undefined {
  if (!("currency_code" in body)) {
    if (required) throw fieldError("currency_code", "This field is required.");
    return undefined;
  }
  const v = body.currency_code;
  if (typeof v !== "string" || !CURRENCIES.has(v))
    throw fieldError("currency_code", `"${String(v)}" is not a valid choice.`);
  return v;
}

function existingUserId(rt: Runtime, v: unknown): string {
  if (typeof v !== "string" || !UUID_RE.test(v)) throw fieldError("admin_user", "Must be a valid UUID.");
  if (!rt.state.findUserAnywhere(v))
    throw fieldError("admin_user", `Invalid pk "${v}" - object does not exist.`);
  return v;
}

/** Nested serializer errors come back nested, as DRF does. */
function nested(field: string, e: unknown): never {
  if (e instanceof HttpError && e.status === 400) throw new HttpError(400, { [field]: e.body });
  throw e;
}

interface InvitationInput {
  email: string;
  expire: number;
  firstName: string;
  lastName: string;
}

function parseAdminInvitation(rt: Runtime, v: unknown): InvitationInput {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw fieldError("admin_user_invitation", "Invalid data. Expected a dictionary.");
  const o = v as JsonObject;
  try {
    const email = parseEmail(o.email);
    const expire = parseExpireDate(rt.state, o.expire_date);
    if (typeof o.user !== "object" || o.user === null || Array.isArray(o.user))
      throw fieldError("user", "This field is required.");
    const u = o.user as JsonObject;
    let firstName: string;
    let lastName: string;
    try {
      firstName = reqString(u, "first_name", 150);
      lastName = reqString(u, "last_name", 150);
      if (!("preferred_language" in u)) throw fieldError("preferred_language", "This field is required.");
      if (typeof u.preferred_language !== "string" || !LANGUAGES.has(u.preferred_language)) {
        throw fieldError("preferred_language", `"${String(u.preferred_language)}" is not a valid choice.`);
      }
    } catch (e) {
      nested("user", e);
    }
    return { email, expire, firstName, lastName };
  } catch (e) {
    nested("admin_user_invitation", e);
  }
}

function createOrg(ctx: Ctx, rt: Runtime): Reply {
  const client = partnerClient(ctx, rt);
  const body = jsonBody(ctx);
  const name = reqString(body, "name", 255);
  const code = currency(body, true) ?? "EUR";
  const hasUser = "admin_user" in body && body.admin_user !== null;
  const hasInv = "admin_user_invitation" in body && body.admin_user_invitation !== null;
  if (hasUser === hasInv) {
    throw new HttpError(400, {
      non_field_errors: ["Provide exactly one of admin_user or admin_user_invitation."],
    });
  }
  const adminUser = hasUser ? existingUserId(rt, body.admin_user) : null;
  const invitation = hasInv ? parseAdminInvitation(rt, body.admin_user_invitation) : null;

  const org = newOrg(randomUUID(), name, code);
  rt.state.orgs.set(org.id, org);
  if (adminUser) {
    // Users are single-org in the simulator: the existing user is recorded as admin only.
    org.admin_user = adminUser;
  } else if (invitation) {
    const { user } = rt.state.createInvitation(org, invitation.email, invitation.expire, {
      roles: ["admin"],
    });
    user.first_name = invitation.firstName;
    user.last_name = invitation.lastName;
    org.admin_user = user.id;
  }
  client.organizationIds.push(org.id);
  return json(201, rt.state.toOrganization(org));
}

function listOrgs(ctx: Ctx, rt: Runtime): Reply {
  const client = partnerClient(ctx, rt);
  const orgs = client.organizationIds.map((id) => rt.state.orgs.get(id)).filter((o): o is OrgRec => !!o);
  const page = pageNumber(ctx, orgs);
  return json(200, { ...page, results: page.results.map((o) => rt.state.toOrganization(o)) });
}

function getOrg(ctx: Ctx, rt: Runtime): Reply {
  return json(200, rt.state.toOrganization(controlledOrg(ctx, rt).org));
}

function patchOrg(ctx: Ctx, rt: Runtime): Reply {
  const { org } = controlledOrg(ctx, rt);
  const body = jsonBody(ctx);
  const name = optString(body, "name", 255);
  const code = currency(body, false);
  const admin = "admin_user" in body ? existingUserId(rt, body.admin_user) : undefined;
  if (name !== undefined) org.name = name;
  if (code !== undefined) org.currency_code = code;
  if (admin !== undefined) org.admin_user = admin;
  return json(200, rt.state.toOrganization(org));
}

function deleteOrg(ctx: Ctx, rt: Runtime): Reply {
  const { org } = controlledOrg(ctx, rt);
  rt.state.deleteOrg(org);
  return noContent();
}

export function partnerRoutes(): Route[] {
  const base = "/partner/v1/organizations";
  return [
    route("GET", base, "partner", listOrgs),
    route("POST", base, "partner", createOrg),
    route("GET", `${base}/:id`, "partner", getOrg),
    route("PATCH", `${base}/:id`, "partner", patchOrg),
    route("DELETE", `${base}/:id`, "partner", deleteOrg),
  ];
}
