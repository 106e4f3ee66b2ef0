// Account host: identity users (§3.2), invitations (§3.3), the caller's organizations (§3.1).
import {
  fieldError,
  HttpError,
  json,
  jsonBody,
  noContent,
  notFound,
  optString,
  pageNumber,
  type Ctx,
  type Reply,
} from "../http";
import { isAdmin, orgOf, requireAdmin, route, type Route, type Runtime } from "../runtime";
import type { InvitationRec, OrgRec, SimState, UserRec } from "../state";
import { EMAIL_RE, parseDateTime } from "../util";

const ROLE_CHOICES = new Set(["admin", "user"]);
const DAY_MS = 86_400_000;
/** Our choice (§6.7 is silent): a resend keeps at least this much validity left. */
export const RESEND_MIN_VALIDITY_MS = 7 * DAY_MS;

function userOr404(ctx: Ctx): { org: OrgRec; user: UserRec } {
  const org = orgOf(ctx);
  const user = org.users.get(ctx.params.id);
  // Ordinary users only ever see themselves (§3.2).
  if (!user || (!isAdmin(ctx) && ctx.auth?.user?.id !== user.id)) throw notFound();
  return { org, user };
}

export function parseEmail(value: unknown, field = "email"): string {
  if (value === undefined) throw fieldError(field, "This field is required.");
  if (typeof value !== "string") throw fieldError(field, "Not a valid string.");
  const email = value.trim();
  if (!email) throw fieldError(field, "This field may not be blank.");
  if (email.length > 254 || !EMAIL_RE.test(email)) throw fieldError(field, "Enter a valid email address.");
  return email;
}

/** `YYYY-MM-DDTHH:MM:SS` (naive = UTC), must lie in the future. */
export function parseExpireDate(state: SimState, value: unknown, field = "expire_date"): number {
  if (value === undefined || value === null || value === "")
    throw fieldError(field, "This field is required.");
  const t = typeof value === "string" ? parseDateTime(value.trim()) : null;
  if (t === null) {
    throw fieldError(
      field,
      "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
    );
  }
  if (t <= state.now()) throw fieldError(field, "Expire date must be in the future.");
  return t;
}

function findByEmail(org: OrgRec, email: string, exceptId?: string): UserRec | undefined {
  const e = email.toLowerCase();
  // The length test first (exact for an ASCII address): a scan of every user per invitation must
  // not lower-case every address.
  const ascii = /^[\x20-\x7e]*$/.test(e);
  for (const u of org.users.values())
    if ((!ascii || u.email.length === e.length) && u.id !== exceptId && u.email.toLowerCase() === e) return u;
  return undefined;
}

function parseRoles(v: unknown): string[] {
  // §4 #7: the docs send "roles": "user"; a string is wrapped.
  const list = typeof v === "string" ? [v] : v;
  if (!Array.isArray(list))
    throw fieldError("roles", `Expected a list of items but got type "${v === null ? "null" : typeof v}".`);
  if (list.length === 0) throw fieldError("roles", "This list may not be empty.");
  for (const r of list)
    if (typeof r !== "string" || !ROLE_CHOICES.has(r))
      throw fieldError("roles", `"${String(r)}" is not a valid choice.`);
  return [...new Set(list as string[])];
}

function listUsers(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  // Admins list everyone; anyone else sees only themselves.
  const self = ctx.auth?.user ? [ctx.auth.user] : [];
  const all = isAdmin(ctx) ? [...org.users.values()] : self;
  const page = pageNumber(ctx, all);
  return json(200, { ...page, results: page.results.map((u) => rt.state.toAccountUser(org, u)) });
}

function me(ctx: Ctx, rt: Runtime): Reply {
  const user = ctx.auth?.user;
  if (!user) throw new HttpError(404, { detail: "No user is associated with this token." });
  return json(200, rt.state.toAccountUser(orgOf(ctx), user));
}

function getUser(ctx: Ctx, rt: Runtime): Reply {
  const { org, user } = userOr404(ctx);
  return json(200, rt.state.toAccountUser(org, user));
}

function patchUser(ctx: Ctx, rt: Runtime): Reply {
  const { org, user } = userOr404(ctx);
  requireAdmin(ctx);
  const body = jsonBody(ctx);
  // Validate everything before touching state (a 400 must not half-apply).
  const first = optString(body, "first_name", 150, { allowBlank: true });
  const last = optString(body, "last_name", 150, { allowBlank: true });
  const email = "email" in body ? parseEmail(body.email) : undefined;
  if (email && findByEmail(org, email, user.id))
    throw fieldError("email", "A user with this email already exists.");
  const roles = "roles" in body ? parseRoles(body.roles) : undefined;
  if (first !== undefined) user.first_name = first;
  if (last !== undefined) user.last_name = last;
  if (email !== undefined) user.email = email;
  if (roles !== undefined) user.roles = roles;
  return json(200, rt.state.toAccountUser(org, user));
}

function deleteUser(ctx: Ctx, rt: Runtime): Reply {
  const { org, user } = userOr404(ctx);
  requireAdmin(ctx);
  rt.state.deleteUser(org, user);
  return noContent();
}

// ---- invitations ----

function listInvitations(ctx: Ctx, rt: Runtime): Reply {
  requireAdmin(ctx);
  const org = orgOf(ctx);
  const page = pageNumber(ctx, [...org.invitations.values()]);
  return json(200, { ...page, results: page.results.map((i) => rt.state.toInvitation(i)) });
}

function createInvitation(ctx: Ctx, rt: Runtime): Reply {
  requireAdmin(ctx);
  const org = orgOf(ctx);
  const body = jsonBody(ctx);
  const email = parseEmail(body.email);
  const expire = parseExpireDate(rt.state, body.expire_date);
  const existing = findByEmail(org, email);
  if (existing?.is_verified) throw fieldError("email", "A user with this email already exists.");
  const open =
    existing &&
    (existing.invitationIds ?? []).some((id) => {
      const inv = org.invitations.get(id);
      return inv && rt.state.invitationStatus(inv) === "OPEN";
    });
  if (open) throw fieldError("email", "An open invitation for this email already exists.");
  // An unverified user whose invitations all expired gets a fresh invitation on the same user.
  const { inv } = rt.state.createInvitation(org, existing?.email ?? email, expire, { user: existing });
  return json(201, rt.state.toInvitation(inv));
}

function invitationOr404(ctx: Ctx): { org: OrgRec; inv: InvitationRec } {
  const org = orgOf(ctx);
  const inv = org.invitations.get(ctx.params.id);
  if (!inv) throw notFound();
  return { org, inv };
}

function getInvitation(ctx: Ctx, rt: Runtime): Reply {
  requireAdmin(ctx);
  return json(200, rt.state.toInvitation(invitationOr404(ctx).inv));
}

/** Resend (§3.3): `{id}`; bumps `updated` and guarantees RESEND_MIN_VALIDITY_MS of validity. */
function resendInvitation(ctx: Ctx, rt: Runtime): Reply {
  requireAdmin(ctx);
  const { inv } = invitationOr404(ctx);
  if (inv.accepted)
    throw new HttpError(400, { non_field_errors: ["This invitation has already been accepted."] });
  const now = rt.state.now();
  inv.updated = Math.max(now, inv.updated + 1);
  inv.expire = Math.max(inv.expire, now + RESEND_MIN_VALIDITY_MS);
  inv.delivery_status = "SENT";
  return json(200, { id: inv.id });
}

// ---- the caller's organizations ----

function callerOrgs(ctx: Ctx, rt: Runtime): OrgRec[] {
  const claims = ctx.auth?.claims;
  if (!claims) return [];
  if (ctx.auth?.user) return [orgOf(ctx)];
  const client = rt.state.clients.find((c) => c.clientId === claims.client_id);
  return (client?.organizationIds ?? []).map((id) => rt.state.orgs.get(id)).filter((o): o is OrgRec => !!o);
}

function listOrganizations(ctx: Ctx, rt: Runtime): Reply {
  const page = pageNumber(ctx, callerOrgs(ctx, rt));
  return json(200, { ...page, results: page.results.map((o) => rt.state.toOrganization(o)) });
}

function getOrganization(ctx: Ctx, rt: Runtime): Reply {
  const org = callerOrgs(ctx, rt).find((o) => o.id === ctx.params.id);
  if (!org) throw notFound();
  return json(200, rt.state.toOrganization(org));
}

export function accountRoutes(): Route[] {
  const inv = (base: string): Route[] => [
    route("GET", base, "bearer", listInvitations),
    route("POST", base, "bearer", createInvitation),
    route("GET", `${base}/:id`, "bearer", getInvitation),
    route("PATCH", `${base}/:id`, "bearer", resendInvitation),
  ];
  return [
    ...inv("/v1/userinvitations"),
    ...inv("/v1/users/userinvitations"), // §4 #1 alias
    route("GET", "/v1/users", "bearer", listUsers),
    route("GET", "/v1/users/me", "bearer", me),
    route("GET", "/v1/users/:id", "bearer", getUser),
    route("PATCH", "/v1/users/:id", "bearer", patchUser),
    route("DELETE", "/v1/users/:id", "bearer", deleteUser),
    route("GET", "/v1/organizations", "bearer", listOrganizations),
    route("GET", "/v1/organizations/:id", "bearer", getOrganization),
  ];
}
