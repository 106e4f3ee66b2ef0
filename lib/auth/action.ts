// The one way to define a server action: session → permission (deny by default) → zod → handler,
// always returning { ok, data | error }. Every action is also registered by name so tests can
// call each one as each role (tests/integration/permissions.test.ts).
import { z } from "zod";

import { recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { UserFacingError } from "@/lib/errors";
import { EzeepError } from "@/lib/ezeep";
import { moduleLogger } from "@/lib/observability/logger";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Audit action name, e.g. "group.create". */
  name: string;
  permission: Permission;
  input: S;
  /** Mutations record denied attempts in the audit log. */
  mutation: boolean;
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<T>;
}

export interface RegisteredAction {
  name: string;
  permission: Permission;
  mutation: boolean;
  invoke: (ctx: OrgContext | null, raw: unknown) => Promise<ActionResult<unknown>>;
}

export const actionRegistry = new Map<string, RegisteredAction>();

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
export function toActionError(err: unknown, requestId?: string | null): ActionResult<never> {
  if (err instanceof UserFacingError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
  if (err instanceof EzeepError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
  const reference = requestId ?? "n/a";
  moduleLogger("action", { requestId: reference }).error({ err }, "unexpected error");
  return { ok: false, error: `Something went wrong on the server. Reference: ${reference}.` };
}

export function runAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  return async (ctx: OrgContext | null, raw: unknown): Promise<ActionResult<T>> => {
    if (!ctx) return { ok: false, error: SIGNED_OUT_ERROR };
    if (!can(ctx.role, def.permission)) {
      if (def.mutation) {
        await recordAudit({
          organizationId: ctx.organization.id,
          actor: ctx.actor,
          action: def.name,
          target: { type: def.name.split(".")[0] },
          after: raw === undefined ? undefined : { attemptedInput: raw },
          outcome: "failure",
          error: "permission denied",
        });
      }
      return { ok: false, error: DENIED_ERROR };
    }
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      return {
        ok: false,
        error: Object.values(fieldErrors)
          .map((m) => m[0])
          .join(" "),
        fieldErrors,
      };
    }
    try {
      return { ok: true, data: await def.handler(ctx, parsed.data) };
    } catch (err) {
      if (isNextControlFlow(err)) throw err;
      return toActionError(err, ctx.actor.requestId);
    }
  };
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
    permission: def.permission,
    mutation: def.mutation,
    invoke,
  });
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const { currentOrgContext } = await import("@/lib/auth/session");
    return invoke(await currentOrgContext(), raw);
  };
}
