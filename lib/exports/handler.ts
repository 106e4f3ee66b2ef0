import type { RecordedActionName } from "@/lib/audit/actions-catalog";

import "server-only";

// GET /api/export/<users|groups|printers>?<the list page's filters>: session and the list's read
// permission checked here (deny by default), the filters parsed with the page's own schema, the
// export recorded BEFORE any row leaves ("user.export", …), then streamed as CSV. Refusals
// (signed out, role, bad filters, ezeep unavailable) are audited too and answer a plain 4xx/5xx.
import { recordUnauthenticatedFailure } from "@/lib/audit/refusals";
import { recordAudit } from "@/lib/audit/service";
import {
  DENIED_ERROR,
  fieldErrorsOf,
  SIGNED_OUT_ERROR,
  toActionError,
  type CallerMeta,
} from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { csvStream, exportFilename } from "@/lib/exports/csv";
import { EXPORTS, type ExportKind } from "@/lib/exports/kinds";
import { safeParseForRequest } from "@/lib/i18n/validation";

function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

function recordedFilters(params: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) out[key] = value.slice(0, 200);
  }
  return out;
}

function refuse(ctx: OrgContext, action: RecordedActionName, filters: Record<string, string>, error: string) {
  return recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action,
    target: { type: action.split(".")[0] },
    after: { format: "csv", filters },
    outcome: "failure",
    error,
  });
}

export async function exportList(
  ctx: OrgContext | null,
  kind: ExportKind,
  params: URLSearchParams,
  meta?: CallerMeta,
): Promise<Response> {
  const def = EXPORTS[kind];
  const filters = recordedFilters(params, def.filterKeys);
  if (!ctx) {
    await recordUnauthenticatedFailure("signed_out", meta?.ip ?? null, {
      organizationId: null,
      actor: { type: "admin", id: null, label: "(signed out)", ...meta },
      action: def.action,
      target: { type: def.action.split(".")[0] },
      after: { format: "csv", filters },
      outcome: "failure",
      error: "signed out",
    });
    return problem(401, SIGNED_OUT_ERROR);
  }
  if (!can(ctx.role, def.permission)) {
    await refuse(ctx, def.action, filters, "permission denied");
    return problem(403, DENIED_ERROR);
  }
  const parsed = await safeParseForRequest(def.filters, Object.fromEntries(params));
  if (!parsed.success) {
    const message = Object.values(fieldErrorsOf(parsed.error))
      .map((m) => m[0])
      .join(" ");
    await refuse(ctx, def.action, filters, `invalid input: ${message}`);
    return problem(400, `These filters are not valid: ${message}`);
  }
  let rows: unknown[];
  try {
    rows = await def.load(ctx, parsed.data);
  } catch (err) {
    const { error } = toActionError(err, ctx.actor.requestId);
    await refuse(ctx, def.action, filters, error);
    return problem(502, `The ${def.noun} could not be read from ezeep. ${error}`);
  }
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: def.action,
    target: {
      type: def.action.split(".")[0],
      label: `CSV export of ${rows.length} ${rows.length === 1 ? def.singular : def.noun}`,
    },
    after: { format: "csv", filters, rows: rows.length },
    outcome: "success",
  });
  return new Response(csvStream(def.columns, rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFilename(kind, ctx.organization.name)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** For the route handlers: the caller's session, then exportList. */
export async function handleListExport(request: Request, kind: ExportKind): Promise<Response> {
  const { currentOrgContext, currentRequestMeta } = await import("@/lib/auth/session");
  const ctx = await currentOrgContext();
  return exportList(
    ctx,
    kind,
    new URL(request.url).searchParams,
    ctx ? undefined : await currentRequestMeta(),
  );
}
