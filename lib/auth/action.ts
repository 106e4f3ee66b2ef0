// The one way to define a server action: session → permission (deny by default) → zod → handler,
// always returning { ok, data | error }. Every action is also registered by name so tests can
// call each one as each role (tests/integration/permissions.test.ts).
//
// Every refused mutation leaves exactly one audit entry: signed out (aggregated per source and
// minute), permission denied, invalid input, and a handler that refused (wrong confirmation,
// another organization's object, …) without writing an entry itself. The attempted input is
// stored bounded (lib/audit/refusals.ts).
import { z } from "zod";

import { recordedAs, type AuditActionName, type ServerActionName } from "@/lib/audit/actions-catalog";
import { boundedInput, recordUnauthenticatedFailure, trackAuditWrites } from "@/lib/audit/refusals";
import { recordAudit } from "@/lib/audit/service";
import type { Actor, OrgContext } from "@/lib/auth/context";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { EzeepError } from "@/lib/ezeep";
import { localizedEzeepMessage } from "@/lib/ezeep/localized-message";
import { localized, runInRequestLocale, scopeLocale } from "@/lib/i18n/scope";
import { safeParseIn } from "@/lib/i18n/validation";
import { moduleLogger } from "@/lib/observability/logger";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Registry name, e.g. "group.create": an audit action or an alias of one (lib/audit/actions-catalog.ts). */
  name: ServerActionName;
  permission: Permission;
  input: S;
  /** Mutations record denied attempts in the audit log. */
  mutation: boolean;
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<T>;
  /** Pages to revalidate after a successful call: a path, or [path, "layout"] for it and everything below. */
  revalidate?: readonly RevalidateTarget[] | ((input: z.output<S>, data: T) => readonly RevalidateTarget[]);
}

export type RevalidateTarget = string | readonly [path: string, type: "layout" | "page"];

/** Request metadata of a call without a session (for the refusal's audit entry). */
export type CallerMeta = Pick<Actor, "ip" | "userAgent" | "requestId">;

export interface RegisteredAction {
  name: string;
  /** What it records in the audit log (its name, or the action it is an alias of). */
  auditAction: AuditActionName;
  permission: Permission;
  mutation: boolean;
  invoke: (ctx: OrgContext | null, raw: unknown, meta?: CallerMeta) => Promise<ActionResult<unknown>>;
}

export const actionRegistry = new Map<string, RegisteredAction>();

// The English texts (tests compare with them); callers get them in the request's language.
export const SIGNED_OUT_ERROR = "Your session has ended. Sign in again to continue.";
export const DENIED_ERROR = "Your role does not allow this action.";

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
  );
}

/** Turns any failure into a message a person can act on; unexpected ones get a reference id. */
export function toActionError(
  err: unknown,
  requestId?: string | null,
): { ok: false; error: string; fieldErrors?: Record<string, string[]> } {
  if (err instanceof NotFoundError)
    return { ok: false, error: localized((t) => t("errors.notFound", { what: err.what })) };
  if (err instanceof UserFacingError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
  if (err instanceof EzeepError)
    return { ok: false, error: localizedEzeepMessage(err), fieldErrors: err.fieldErrors };
  const reference = requestId ?? localized((t) => t("errors.noReference"));
  moduleLogger("action", { requestId: reference }).error({ err }, "unexpected error");
  return { ok: false, error: localized((t) => t("errors.unexpected", { reference })) };
}

function refusal(ctx: OrgContext, name: ServerActionName, raw: unknown, error: string) {
  return recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: recordedAs(name),
    target: { type: name.split(".")[0] },
    after: boundedInput(raw),
    outcome: "failure",
    error: error.slice(0, 2000),
  });
}

function signedOut(name: ServerActionName, raw: unknown, meta: CallerMeta | undefined) {
  return recordUnauthenticatedFailure("signed_out", meta?.ip ?? null, {
    organizationId: null,
    actor: { type: "admin", id: null, label: "(signed out)", ...meta },
    action: recordedAs(name),
    target: { type: name.split(".")[0] },
    after: boundedInput(raw),
    outcome: "failure",
    error: "signed out",
  });
}

async function revalidatePaths(targets: readonly RevalidateTarget[]) {
  if (targets.length === 0) return;
  const { revalidatePath } = await import("next/cache");
  for (const target of targets) {
    try {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target[0], target[1]);
    } catch {
      // Outside a Next request (tests, scripts) there is no cache to refresh.
    }
  }
}

function invalidInput(error: z.ZodError): {
  ok: false;
  error: string;
  fieldErrors: Record<string, string[]>;
} {
  const fieldErrors = fieldErrorsOf(error);
  const message = Object.values(fieldErrors)
    .map((m) => m[0])
    .join(" ");
  return { ok: false, error: message, fieldErrors };
}

async function runHandler<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  ctx: OrgContext,
  raw: unknown,
  input: z.output<S>,
): Promise<ActionResult<T>> {
  const tracked = await trackAuditWrites(() => def.handler(ctx, input));
  if (tracked.ok) {
    const paths =
      typeof def.revalidate === "function" ? def.revalidate(input, tracked.value) : def.revalidate;
    await revalidatePaths(paths ?? []);
    return { ok: true, data: tracked.value };
  }
  if (isNextControlFlow(tracked.error)) throw tracked.error;
  const result = toActionError(tracked.error, ctx.actor.requestId);
  // A refusal inside the handler (wrong confirmation, another organization's object, …) that
  // wrote no entry of its own still goes on record, once.
  if (def.mutation && tracked.writes === 0) {
    try {
      await refusal(ctx, def.name, raw, result.error);
    } catch (err) {
      // The audit log itself cannot be written (the handler most likely failed for that reason):
      // the caller still gets the plain error, never the database's.
      moduleLogger("action", { requestId: ctx.actor.requestId }).error(
        { err },
        "could not record the refusal",
      );
    }
  }
  return result;
}

export function runAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  // Everything the action says (zod messages, refusals, NotFoundError) is in the request's language.
  return async (ctx: OrgContext | null, raw: unknown, meta?: CallerMeta): Promise<ActionResult<T>> =>
    runInRequestLocale(() => checkAndRun(def, ctx, raw, meta));
}

async function checkAndRun<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  ctx: OrgContext | null,
  raw: unknown,
  meta: CallerMeta | undefined,
): Promise<ActionResult<T>> {
  if (!ctx) {
    if (def.mutation) await signedOut(def.name, raw, meta);
    return { ok: false, error: localized((t) => t("errors.signedOut")) };
  }
  if (!can(ctx.role, def.permission)) {
    if (def.mutation) await refusal(ctx, def.name, raw, "permission denied");
    return { ok: false, error: localized((t) => t("errors.denied")) };
  }
  // Field errors in the request's language (lib/i18n/validation.ts).
  const parsed = safeParseIn(def.input, raw, scopeLocale());
  if (!parsed.success) {
    const result = invalidInput(parsed.error);
    if (def.mutation) await refusal(ctx, def.name, raw, `invalid input: ${result.error}`);
    return result;
  }
  return runHandler(def, ctx, raw, parsed.data);
}

/**
 * Defines a server action. The returned function resolves the caller's session itself, so it is
 * safe to export from a "use server" module.
 */
export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  if (!(def.permission in PERMISSIONS)) throw new Error(`Unknown permission ${def.permission}`);
  const invoke = runAction(def);
  actionRegistry.set(def.name, {
    name: def.name,
    auditAction: recordedAs(def.name),
    permission: def.permission,
    mutation: def.mutation,
    invoke,
  });
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const { currentOrgContext, currentRequestMeta } = await import("@/lib/auth/session");
    const ctx = await currentOrgContext();
    return invoke(ctx, raw, ctx ? undefined : await currentRequestMeta());
  };
}
