// Printing host: groups (§3.5), printing-side users and membership (§3.4), assignments (§3.6).
import {
  fieldError,
  json,
  jsonBody,
  limitOffset,
  noContent,
  notFound,
  optBool,
  optString,
  reqString,
  type Ctx,
  type JsonObject,
  type Reply,
} from "../http";
import { orgOf, route, type Route, type Runtime } from "../runtime";
import type { GroupRec, OrgRec, PrinterRec, UserRec } from "../state";
import { UUID_RE } from "../util";

const GROUP_FLAGS = ["local_printing_enabled", "myprinters_enabled"] as const;
const USER_FLAGS = [
  "local_printing_enabled",
  "self_service_enabled",
  "myprinters_enabled",
  "pull_printing_enabled",
] as const;

// ---- groups ----

function groupOr404(ctx: Ctx): { org: OrgRec; group: GroupRec } {
  const org = orgOf(ctx);
  const group = org.groups.get(ctx.params.id);
  if (!group) throw notFound();
  return { org, group };
}

/** organization_id is accepted but must be the token's org (see ./README.md, "Choosing the organization"). */
function checkOrgField(org: OrgRec, body: JsonObject): void {
  if (!("organization_id" in body) || body.organization_id === null) return;
  const v = body.organization_id;
  if (typeof v !== "string" || !UUID_RE.test(v)) throw fieldError("organization_id", "Must be a valid UUID.");
  if (v.toLowerCase() !== org.id.toLowerCase())
    throw fieldError("organization_id", "Organization does not match the token's organization.");
}

/**
 * ezeep does not say whether group names are unique. Default reading: unique per org (exact
 * match), so racing creates surface as 400; behaviour `groupNames: "duplicates-allowed"` skips it.
 */
function checkNameFree(rt: Runtime, org: OrgRec, name: string, exceptId?: string): void {
  if (rt.behaviour.groupNames === "duplicates-allowed") return;
  for (const g of org.groups.values())
    if (g.id !== exceptId && g.name === name)
      throw fieldError("name", "A group with this name already exists.");
}

function listGroups(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const page = limitOffset(ctx, [...org.groups.values()]);
  return json(200, { ...page, results: page.results.map((g) => rt.state.toGroup(g)) });
}

function createGroup(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const body = jsonBody(ctx);
  const name = reqString(body, "name", 255);
  const description = optString(body, "description", 255, { allowBlank: true }) ?? "";
  checkOrgField(org, body);
  const local = optBool(body, "local_printing_enabled");
  const mine = optBool(body, "myprinters_enabled");
  checkNameFree(rt, org, name);
  const g = rt.state.addGroup(org, {
    name,
    description,
    local_printing_enabled: local,
    myprinters_enabled: mine,
  });
  return json(201, rt.state.toGroup(g));
}

function getGroup(ctx: Ctx, rt: Runtime): Reply {
  return json(200, rt.state.toGroup(groupOr404(ctx).group));
}

function updateGroup(ctx: Ctx, rt: Runtime): Reply {
  const { org, group } = groupOr404(ctx);
  const body = jsonBody(ctx);
  const name = ctx.method === "PUT" ? reqString(body, "name", 255) : optString(body, "name", 255);
  const description = optString(body, "description", 255, { allowBlank: true });
  checkOrgField(org, body);
  const flags = GROUP_FLAGS.map((f) => [f, optBool(body, f)] as const);
  if (name !== undefined) checkNameFree(rt, org, name, group.id);
  if (name !== undefined) group.name = name;
  if (description !== undefined) group.description = description;
  for (const [f, v] of flags) if (v !== undefined) group[f] = v;
  return json(200, rt.state.toGroup(group));
}

function deleteGroup(ctx: Ctx, rt: Runtime): Reply {
  const { org, group } = groupOr404(ctx);
  rt.state.deleteGroup(org, group);
  return noContent();
}

// ---- printing-side users ----

function printingUserOr404(ctx: Ctx): { org: OrgRec; user: UserRec } {
  const org = orgOf(ctx);
  const user = org.users.get(ctx.params.id);
  // Only verified users have a printing row (invitees appear once they accept).
  if (!user || !user.printing) throw notFound();
  if (ctx.auth?.user && !ctx.auth.user.roles.includes("admin") && ctx.auth.user.id !== user.id)
    throw notFound();
  return { org, user };
}

function listPrintingUsers(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const me = ctx.auth?.user;
  const ordinary = me && !me.roles.includes("admin");
  // Like /v1/users/ (§3.2): ordinary users only see themselves.
  const all = [...org.users.values()].filter((u) => u.printing && (!ordinary || u.id === me.id));
  const page = limitOffset(ctx, all);
  return json(200, { ...page, results: page.results.map((u) => rt.state.toPrintingUser(u)) });
}

function getPrintingUser(ctx: Ctx, rt: Runtime): Reply {
  return json(200, rt.state.toPrintingUser(printingUserOr404(ctx).user));
}

/** `[{group_id}]` → ids; every id must be a group of this org. */
function parseGroupRefs(org: OrgRec, field: string, v: unknown): string[] {
  if (!Array.isArray(v))
    throw fieldError(field, `Expected a list of items but got type "${v === null ? "null" : typeof v}".`);
  const ids: string[] = [];
  for (const item of v) {
    const gid = typeof item === "object" && item !== null ? (item as JsonObject).group_id : undefined;
    if (typeof gid !== "string") throw fieldError(field, "Each item must be an object with a group_id.");
    if (!UUID_RE.test(gid) || !org.groups.has(gid))
      throw fieldError(field, `Invalid pk "${gid}" - object does not exist.`);
    ids.push(gid);
  }
  return ids;
}

/** PATCH and PUT behave the same: `groups` REPLACES the membership (§3.4, §4 #3). */
function updatePrintingUser(ctx: Ctx, rt: Runtime): Reply {
  const { org, user } = printingUserOr404(ctx);
  const body = jsonBody(ctx);
  const groups = "groups" in body ? parseGroupRefs(org, "groups", body.groups) : undefined;
  const flags = USER_FLAGS.map((f) => [f, optBool(body, f)] as const);
  if (groups !== undefined) rt.state.setUserGroups(org, user, groups);
  const printing = user.printing;
  if (printing) for (const [f, v] of flags) if (v !== undefined) printing[f] = v;
  return json(200, rt.state.toPrintingUser(user));
}

// ---- assignments ----

function printerOr404(ctx: Ctx): { org: OrgRec; printer: PrinterRec } {
  const org = orgOf(ctx);
  const printer = org.printers.get(ctx.params.id);
  if (!printer) throw notFound();
  return { org, printer };
}

function listAssignments(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const group = ctx.url.searchParams.get("group");
  let printers = [...org.printers.values()];
  // Filtered items still list all of the printer's groups (§3.6).
  if (group !== null) printers = printers.filter((p) => p.groupIds.includes(group));
  const page = limitOffset(ctx, printers);
  return json(200, { ...page, results: page.results.map((p) => rt.state.toAssignments(org, p)) });
}

function getAssignment(ctx: Ctx, rt: Runtime): Reply {
  const { org, printer } = printerOr404(ctx);
  return json(200, rt.state.toAssignments(org, printer));
}

/** `{"assignment":[{"groups":[{"group_id"}]}]}` → group ids. */
function parseAssignmentBody(org: OrgRec, body: JsonObject, mustExist: boolean): string[] {
  const a = body.assignment;
  if (a === undefined) throw fieldError("assignment", "This field is required.");
  if (!Array.isArray(a) || a.length === 0)
    throw fieldError("assignment", "Expected a non-empty list of items.");
  const ids: string[] = [];
  for (const item of a) {
    const groups = typeof item === "object" && item !== null ? (item as JsonObject).groups : undefined;
    if (!Array.isArray(groups))
      throw fieldError("assignment", "Each item must be an object with a groups list.");
    for (const g of groups) {
      const gid = typeof g === "object" && g !== null ? (g as JsonObject).group_id : undefined;
      if (typeof gid !== "string")
        throw fieldError("assignment", "Each group must be an object with a group_id.");
      if (mustExist && !org.groups.has(gid))
        throw fieldError("assignment", `Invalid pk "${gid}" - object does not exist.`);
      ids.push(gid);
    }
  }
  return ids;
}

/**
 * ezeep does not say whether PUT adds or replaces (§3.6). Default reading: PUT ADDS the named
 * groups; behaviour `assignmentPut: "replace"` makes them the printer's whole list.
 */
function putAssignment(ctx: Ctx, rt: Runtime): Reply {
  const { org, printer } = printerOr404(ctx);
  const ids = parseAssignmentBody(org, jsonBody(ctx), true);
  if (rt.behaviour.assignmentPut === "replace")
    rt.state.removePrinterGroups(
      org,
      printer,
      printer.groupIds.filter((id) => !ids.includes(id)),
    );
  rt.state.addPrinterGroups(org, printer, ids);
  return json(200, rt.state.toAssignments(org, printer));
}

/** DELETE needs the same body; unknown or unassigned groups are ignored (idempotent). */
function deleteAssignment(ctx: Ctx, rt: Runtime): Reply {
  const { org, printer } = printerOr404(ctx);
  const ids = parseAssignmentBody(org, jsonBody(ctx), false);
  rt.state.removePrinterGroups(org, printer, ids);
  return noContent();
}

export function printingRoutes(): Route[] {
  return [
    route("GET", "/printing/v1/groups", "bearer", listGroups),
    route("POST", "/printing/v1/groups", "bearer", createGroup),
    route("GET", "/printing/v1/groups/:id", "bearer", getGroup),
    route(["PATCH", "PUT"], "/printing/v1/groups/:id", "bearer", updateGroup),
    route("DELETE", "/printing/v1/groups/:id", "bearer", deleteGroup),
    route("GET", "/printing/v1/users", "bearer", listPrintingUsers),
    route("GET", "/printing/v1/users/:id", "bearer", getPrintingUser),
    route(["PATCH", "PUT"], "/printing/v1/users/:id", "bearer", updatePrintingUser),
    route("GET", "/printing/v1/assignments", "bearer", listAssignments),
    route("GET", "/printing/v1/assignments/:id", "bearer", getAssignment),
    route("PUT", "/printing/v1/assignments/:id", "bearer", putAssignment),
    route("DELETE", "/printing/v1/assignments/:id", "bearer", deleteAssignment),
  ];
}
