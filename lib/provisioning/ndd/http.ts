// The shared skeleton of the NDD-compatible endpoints (docs/ezeep.md, "NDD Orbix"): every
// /v1/* route runs authenticate → authorize (Tenant) → read body → check Client → handler, and
// every refusal is audited. Answers use NDD's shapes: 201 with an error list, or ASP.NET
// problem details.
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import { z } from "zod";

import { authenticateApiToken, type AuthenticatedToken } from "@/lib/api-tokens/service";
import { recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { requestMeta } from "@/lib/auth/request";
import { recordUnauthenticatedCall } from "@/lib/auth/unauthenticated";

import { isRegisteredClient } from "./clients";

/** 5 groupings × 1000 users (or 4,500 users) with long names and emails stay well below this. */
export const NDD_MAX_BODY_BYTES = 4_000_000;

export interface ProblemDetails {
  errors?: Record<string, string[]>;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

export function problem(
  instance: string,
  status: number,
  title: string,
  detail: string,
  errors?: Record<string, string[]>,
): Response {
  const body: ProblemDetails = { ...(errors ? { errors } : {}), title, status, detail, instance };
  const headers: Record<string, string> = {
    "content-type": "application/problem+json; charset=utf-8",
    "cache-control": "no-store",
  };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="ezeep Admin Portal"';
  return new Response(JSON.stringify(body), { status, headers });
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
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

const clientSchema = z.object({
  Client: z
    .string({ error: "Client is required." })
    .trim()
    .min(1, "Client is required.")
    .max(200, "Client is too long."),
});

export interface NddRequest {
  ctx: OrgContext;
  body: Record<string, unknown>;
  client: string;
  dryRun: boolean;
  /** Records a refused request in the audit log and returns the answer unchanged. */
  refuse: (response: Response, error: string) => Promise<Response>;
}

export interface NddEndpoint {
  instance: string;
  action: AuditActionName;
  handle: (req: NddRequest) => Promise<Response>;
}

type Reading =
  { ok: true; body: Record<string, unknown> } | { ok: false; status: number; field: string; message: string };

async function readBody(request: Request): Promise<Reading> {
  const tooLarge = {
    ok: false as const,
    status: 413,
    field: "body",
    message: `The body is larger than ${NDD_MAX_BODY_BYTES / 1_000_000} MB.`,
  };
  if (Number(request.headers.get("content-length") ?? 0) > NDD_MAX_BODY_BYTES) return tooLarge;
  const text = await request.text();
  if (text.length > NDD_MAX_BODY_BYTES) return tooLarge;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value))
      return { ok: true, body: value as Record<string, unknown> };
  } catch {
    // reported below
  }
  return { ok: false, status: 400, field: "body", message: "The request body is not a valid JSON object." };
}

/** Field errors of a zod failure, keyed by the field's path as NDD names it. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) (errors[issue.path.join(".") || "body"] ??= []).push(issue.message);
  return errors;
}

/** The whole route handler: authenticate → authorize (Tenant) → validate (body, Client) → handle. */
export async function runNddEndpoint(endpoint: NddEndpoint, request: Request): Promise<Response> {
  const token = await authenticate(endpoint, request);
  if (token instanceof Response) return token;
  const ctx = contextFor(token, request.headers);
  const checked = await checkedRequest(endpoint, request, ctx);
  if (checked instanceof Response) return checked;
  try {
    return await endpoint.handle(checked);
  } catch (err) {
    const reference = ctx.actor.requestId ?? "n/a";
    console.error(`[ndd] unexpected error (reference ${reference})`, err);
    return problem(
      endpoint.instance,
      500,
      "InternalServerError",
      `Something went wrong on the server. Reference: ${reference}.`,
    );
  }
}

const targetOf = (instance: string) => ({ type: "api", label: `POST ${instance}` });

/** Authentication: a portal API token (Settings → API tokens), or the 401 answer. */
async function authenticate(endpoint: NddEndpoint, request: Request): Promise<AuthenticatedToken | Response> {
  const token = await authenticateApiToken(request.headers.get("authorization"));
  if (token) return token;
  // Aggregated per source and minute (lib/auth/unauthenticated.ts): a bad token cannot grow the log.
  await recordUnauthenticatedCall(request.headers, {
    kind: "api_token",
    action: endpoint.action,
    target: targetOf(endpoint.instance),
    error: request.headers.get("authorization") ? "invalid or revoked API token" : "missing API token",
  });
  return problem(
    endpoint.instance,
    401,
    "Unauthorized",
    "A valid API token is required: Authorization: Bearer <token>.",
  );
}

/** Authorization (Tenant) and validation (body, Client) of an authenticated call; a refusal is audited. */
async function checkedRequest(
  endpoint: NddEndpoint,
  request: Request,
  ctx: OrgContext,
): Promise<NddRequest | Response> {
  const { instance, action } = endpoint;
  const refuse = async (response: Response, error: string) => {
    await recordAudit({
      organizationId: ctx.organization.id,
      actor: ctx.actor,
      action,
      target: targetOf(instance),
      outcome: "failure",
      error,
    });
    return response;
  };
  const bad = (field: string, message: string, status = 400) =>
    refuse(
      problem(instance, status, status === 413 ? "PayloadTooLarge" : "BadRequest", "ValidationException", {
        [field]: [message],
      }),
      message,
    );

  const tenant = request.headers.get("tenant");
  if (!tenant?.trim()) return bad("Tenant", "The Tenant header is required.");
  if (!tenantMatches(tenant, ctx.organization)) {
    return refuse(
      problem(instance, 403, "Forbidden", "The Tenant header does not name this token's organization."),
      "Tenant does not match the token's organization",
    );
  }
  const reading = await readBody(request);
  if (!reading.ok) return bad(reading.field, reading.message, reading.status);
  const parsedClient = clientSchema.safeParse(reading.body);
  if (!parsedClient.success) return bad("Client", parsedClient.error.issues[0]!.message);
  const client = parsedClient.data.Client;
  if (!(await isRegisteredClient(ctx.organization.id, client))) {
    return bad(
      "Client",
      `The Client "${client.slice(0, 100)}" is not registered for this organization (Settings → NDD Orbix).`,
    );
  }
  const dryRun = /^(true|1)$/i.test(new URL(request.url).searchParams.get("dryRun") ?? "");
  return { ctx, body: reading.body, client, dryRun, refuse };
}
