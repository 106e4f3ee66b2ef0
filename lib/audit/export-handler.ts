// GET /api/audit/export?format=csv|json&<filters>: session and "audit.read" checked here (deny
// by default), the scope checked against the reader's roles, the export recorded as
// "audit.export" BEFORE any row leaves, then streamed.
import "server-only";

import { currentAuditReader } from "@/lib/audit/access";
import { exportFilename, exportStream, type ExportFormat } from "@/lib/audit/export";
import { filterSearchParams, parseAuditQuery } from "@/lib/audit/queries";
import { resolveAuditScope } from "@/lib/audit/scope";
import { recordAudit } from "@/lib/audit/service";

function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

export async function handleAuditExport(request: Request): Promise<Response> {
  const reader = await currentAuditReader();
  if (!reader.ok) {
    return reader.status === 401
      ? problem(401, "Your session has ended. Sign in again to continue.")
      : problem(403, "Your role does not allow reading the audit log.");
  }
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return problem(400, "Choose format=csv or format=json.");
  const query = parseAuditQuery(url.searchParams);
  const scope = resolveAuditScope(reader.viewer, reader.ctx.organization.id, query.org);
  if (!scope) return problem(403, "Your role does not allow reading this audit log.");
  const { before: _b, limit: _l, ...filters } = query;
  await recordAudit({
    organizationId: scope.organizationId,
    actor: reader.ctx.actor,
    action: "audit.export",
    target: { type: "audit", id: scope.value, label: `${format.toUpperCase()} export of ${scope.label}` },
    after: { format, filters: Object.fromEntries(filterSearchParams({ ...filters, org: undefined })) },
    outcome: "success",
  });
  return new Response(exportStream(scope, filters, format as ExportFormat), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFilename(scope.label, format as ExportFormat)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
