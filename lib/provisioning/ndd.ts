// NDD-Orbix-compatible bulk upsert: `POST /v1/groups/users` exactly as seed 003 defines it
// (ezeep-api.md §5.3), mapped onto ezeep by lib/provisioning/engine.ts.
//
// Authentication: `Authorization: Bearer <portal API token>` (Settings → API tokens). The token
// names one organization; the `Tenant` header must name the same organization: its name as shown
// in the portal (compared case-insensitively, surrounding spaces ignored) or its ezeep id.
// Choices where seed 003 is silent (each is tested in tests/integration/ndd-contract.test.ts):
// - GroupName: at most 100 characters ("Group Name is too long."; the seed shows a 159-character
//   name rejected), GroupDescription at most 255 (ezeep's limit).
// - Logon and Domain: letters, digits, ".", "_" and "-" only, at most 100 characters.
// - Email is optional in NDD but ezeep identifies people by email, so a user without one is
//   reported ("E-mail is required …") and not processed.
// - An invalid grouping is skipped entirely (its users are validated and reported too); in a valid
//   grouping the valid users are processed and only invalid ones reported.
// - More than 5 groupings, or a body that is not the documented shape: 400 problem details with
//   the offending field in `errors`. More than 1,000 users in a grouping: that grouping is invalid.
// - A repeated GroupName in one request: the repetition is an invalid grouping.
// - Name is accepted and validated but ezeep invitations carry only the email; existing ezeep users
//   keep the name ezeep has.
import { z } from "zod";

import { authenticateApiToken, type AuthenticatedToken } from "@/lib/api-tokens/service";
import { audited, recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { requestMeta } from "@/lib/auth/request";
import { moduleLogger } from "@/lib/observability/logger";
import { applyProvisioning, planProvisioning, type GroupingInput } from "@/lib/provisioning/engine";

export const NDD_INSTANCE = "/v1/groups/users";
export const NDD_MAX_GROUPINGS = 5;
export const NDD_MAX_USERS = 1000;
export const NDD_GROUP_NAME_MAX = 100;
export const NDD_GROUP_DESCRIPTION_MAX = 255;
/** 5 groupings × 1000 users with long names and emails stay well below this. */
export const NDD_MAX_BODY_BYTES = 4_000_000;
const IDENT = /^[A-Za-z0-9._-]{1,100}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MESSAGES = {
  allInvalid: "All groups are invalid.",
  groupNameRequired: "Group Name is required.",
  groupNameTooLong: "Group Name is too long.",
  groupNameRepeated: "Group Name is repeated in this request.",
  groupDescriptionTooLong: "Group Description is too long.",
  usersRequired: "Users is required.",
  tooManyUsers: `At most ${NDD_MAX_USERS} users per grouping.`,
  logon: "Logon is not valid.",
  domain: "Domain is not valid.",
  email: "E-mail is not valid.",
  emailRequired: "E-mail is required to match or invite the user in ezeep.",
  name: "Name is not valid.",
  groupFailed: "The group could not be created or updated in ezeep.",
} as const;

export interface NddUserError {
  user: string;
  errorMessage: string;
}
export interface NddGroupError {
  groupName: string;
  users: NddUserError[];
  errorMessage: string;
}

export interface ProblemDetails {
  errors?: Record<string, string[]>;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

/** The request shape (PascalCase as in seed 003). Items are checked one by one below. */
const bodySchema = z.object({
  Client: z
    .string({ error: "Client is required." })
    .trim()
    .min(1, "Client is required.")
    .max(200, "Client is too long."),
  Groups: z
    .array(z.unknown(), { error: "Groups is required." })
    .min(1, "Groups is required.")
    .max(
      NDD_MAX_GROUPINGS,
      `At most ${NDD_MAX_GROUPINGS} groupings per request; send more in additional requests.`,
    ),
});

function problem(status: number, title: string, detail: string, errors?: Record<string, string[]>): Response {
  const body: ProblemDetails = {
    ...(errors ? { errors } : {}),
    title,
    status,
    detail,
    instance: NDD_INSTANCE,
  };
  const headers: Record<string, string> = {
    "content-type": "application/problem+json; charset=utf-8",
    "cache-control": "no-store",
  };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="ezeep Admin Portal"';
  return new Response(JSON.stringify(body), { status, headers });
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

interface ValidGrouping {
  index: number;
  groupName: string;
  input: GroupingInput;
}

/** Per-grouping validation: the groupings to process and the errors to report. */
export function validateGroupings(groups: unknown[]): {
  valid: ValidGrouping[];
  errors: (NddGroupError | null)[];
} {
  const seen = new Set<string>();
  const valid: ValidGrouping[] = [];
  const errors = groups.map((raw, index): NddGroupError | null => {
    const g = obj(raw);
    const rawName = str(g.GroupName);
    const groupName = rawName ?? "";
    const name = groupName.trim();
    let groupError = "";
    const description =
      g.GroupDescription === undefined || g.GroupDescription === null ? undefined : str(g.GroupDescription);
    if (!name) groupError = MESSAGES.groupNameRequired;
    else if (name.length > NDD_GROUP_NAME_MAX) groupError = MESSAGES.groupNameTooLong;
    else if (seen.has(name)) groupError = MESSAGES.groupNameRepeated;
    else if (g.GroupDescription !== undefined && g.GroupDescription !== null && description === undefined)
      groupError = "Group Description is not valid.";
    else if ((description ?? "").trim().length > NDD_GROUP_DESCRIPTION_MAX)
      groupError = MESSAGES.groupDescriptionTooLong;
    else if (!Array.isArray(g.Users)) groupError = MESSAGES.usersRequired;
    else if (g.Users.length > NDD_MAX_USERS) groupError = MESSAGES.tooManyUsers;
    if (name) seen.add(name);

    const userErrors: NddUserError[] = [];
    const users: GroupingInput["users"] = [];
    const seenUsers = new Set<string>();
    for (const rawUser of Array.isArray(g.Users) ? g.Users.slice(0, NDD_MAX_USERS) : []) {
      const u = obj(rawUser);
      const logon = str(u.Logon) ?? "";
      const domain = str(u.Domain) ?? "";
      const ref = `${domain}//${logon}`;
      const email = str(u.Email)?.trim();
      let message = "";
      if (!IDENT.test(logon)) message = MESSAGES.logon;
      else if (!IDENT.test(domain)) message = MESSAGES.domain;
      else if (u.Name !== undefined && u.Name !== null && (typeof u.Name !== "string" || u.Name.length > 255))
        message = MESSAGES.name;
      else if (
        u.Email !== undefined &&
        u.Email !== null &&
        u.Email !== "" &&
        (!email || email.length > 254 || !EMAIL.test(email))
      )
        message = MESSAGES.email;
      else if (!email) message = MESSAGES.emailRequired;
      if (message) {
        userErrors.push({ user: ref, errorMessage: message });
        continue;
      }
      const key = `${domain.toLowerCase()}//${logon.toLowerCase()}`;
      if (seenUsers.has(key)) continue;
      seenUsers.add(key);
      users.push({ ref, email: email! });
    }
    if (!groupError) {
      valid.push({
        index,
        groupName,
        input: { name, ...(description !== undefined ? { description: description.trim() } : {}), users },
      });
    }
    return groupError || userErrors.length > 0
      ? { groupName, users: userErrors, errorMessage: groupError }
      : null;
  });
  return { valid, errors };
}

export function tenantMatches(tenant: string, org: { name: string; ezeepId: string }): boolean {
  const t = tenant.trim().toLowerCase();
  return t.length > 0 && (t === org.name.trim().toLowerCase() || t === org.ezeepId.toLowerCase());
}

function contextFor(token: AuthenticatedToken, headers: Headers): OrgContext {
  return {
    actor: { type: "api_token", id: token.id, label: token.name, ...requestMeta(headers) },
    organization: token.organization,
    role: null,
  };
}

const ACTION = "ndd.groups_users";

/** The whole route handler: authenticate → authorize (Tenant) → validate → upsert → respond, audited. */
export async function handleNddGroupsUsers(request: Request): Promise<Response> {
  const token = await authenticateApiToken(request.headers.get("authorization"));
  if (!token) {
    await recordAudit({
      organizationId: null,
      actor: { type: "api_token", id: null, label: "(invalid API token)", ...requestMeta(request.headers) },
      action: ACTION,
      target: { type: "api", label: `POST ${NDD_INSTANCE}` },
      outcome: "failure",
      error: request.headers.get("authorization") ? "invalid or revoked API token" : "missing API token",
    });
    return problem(401, "Unauthorized", "A valid API token is required: Authorization: Bearer <token>.");
  }
  const ctx = contextFor(token, request.headers);
  const refuse = async (response: Response, error: string) => {
    await recordAudit({
      organizationId: ctx.organization.id,
      actor: ctx.actor,
      action: ACTION,
      target: { type: "api", label: `POST ${NDD_INSTANCE}` },
      outcome: "failure",
      error,
    });
    return response;
  };

  const tenant = request.headers.get("tenant");
  if (!tenant?.trim()) {
    return refuse(
      problem(400, "BadRequest", "ValidationException", { Tenant: ["The Tenant header is required."] }),
      "missing Tenant header",
    );
  }
  if (!tenantMatches(tenant, ctx.organization)) {
    return refuse(
      problem(403, "Forbidden", "The Tenant header does not name this token's organization."),
      "Tenant does not match the token's organization",
    );
  }

  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > NDD_MAX_BODY_BYTES) {
    return refuse(
      problem(413, "PayloadTooLarge", `The body is larger than ${NDD_MAX_BODY_BYTES / 1_000_000} MB.`),
      "body too large",
    );
  }
  let json: unknown;
  try {
    const text = await request.text();
    if (text.length > NDD_MAX_BODY_BYTES) {
      return refuse(
        problem(413, "PayloadTooLarge", `The body is larger than ${NDD_MAX_BODY_BYTES / 1_000_000} MB.`),
        "body too large",
      );
    }
    json = JSON.parse(text);
  } catch {
    return refuse(
      problem(400, "BadRequest", "ValidationException", { body: ["The request body is not valid JSON."] }),
      "body is not JSON",
    );
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues)
      (errors[issue.path.join(".") || "body"] ??= []).push(issue.message);
    return refuse(problem(400, "BadRequest", "ValidationException", errors), "invalid request body");
  }

  const { valid, errors } = validateGroupings(parsed.data.Groups);
  if (valid.length === 0) {
    await refuse(new Response(null), MESSAGES.allInvalid);
    return problem(400, "BadRequest", "BusinessException", { "3400": [MESSAGES.allInvalid] });
  }

  const summary = {
    client: parsed.data.Client,
    groupings: parsed.data.Groups.length,
    valid: valid.map((v) => ({ name: v.input.name, users: v.input.users.length })),
  };
  return audited(ctx, {
    action: ACTION,
    target: { type: "api", label: `POST ${NDD_INSTANCE}` },
    intended: summary,
    run: async () => {
      const groupings = valid.map((v) => v.input);
      // One bulk read of every member's groups (a few paged calls) spares the per-user lock and
      // re-read for people who are members already; the others are re-read inside their lock.
      const plan = await planProvisioning(ctx, groupings, { readMemberships: true });
      const result = await applyProvisioning(ctx, plan);
      const out = errors.map((e) => (e ? { ...e, users: [...e.users] } : null));
      let failedGroups = 0;
      valid.forEach((v, i) => {
        const group = result.groups[i]!;
        const entry = (out[v.index] ??= { groupName: v.groupName, users: [], errorMessage: "" });
        if (group.outcome === "failed") {
          failedGroups++;
          entry.errorMessage = group.error ? `${MESSAGES.groupFailed} ${group.error}` : MESSAGES.groupFailed;
        }
      });
      result.users.forEach((u) => {
        if (u.outcome !== "failed") return;
        const v = valid[u.grouping]!;
        out[v.index]!.users.push({
          user: u.ref,
          errorMessage: u.error ?? "The user could not be processed.",
        });
      });
      const list = out.filter(
        (e): e is NddGroupError => e !== null && (e.errorMessage !== "" || e.users.length > 0),
      );
      const counts = {
        groupsCreated: result.groups.filter((g) => g.outcome === "created").length,
        groupsUpdated: result.groups.filter((g) => g.outcome === "updated").length,
        membershipsAdded: result.users.filter((u) => u.outcome === "added").length,
        invited: result.users.filter((u) => u.outcome === "invited").length,
        invitationsUpdated: result.users.filter((u) => u.outcome === "invitation_updated").length,
        unchanged: result.users.filter((u) => u.outcome === "unchanged").length,
        errors: list.length,
      };
      if (failedGroups === valid.length) {
        // Nothing could be processed because ezeep refused or failed every group.
        const response = problem(502, "BadGateway", "ezeep did not accept any of the groupings.", {
          groups: list.map((e) => `${e.groupName}: ${e.errorMessage}`),
        });
        return { result: response, after: { status: 502, ...counts } };
      }
      const response = new Response(JSON.stringify(list), {
        status: 201,
        headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      });
      return { result: response, after: { status: 201, ...counts } };
    },
  }).catch((err: unknown) => {
    const reference = ctx.actor.requestId ?? "n/a";
    moduleLogger("ndd", { requestId: reference }).error({ err }, "unexpected error");
    return problem(
      500,
      "InternalServerError",
      `Something went wrong on the server. Reference: ${reference}.`,
    );
  });
}
