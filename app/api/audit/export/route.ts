// Streams the filtered audit log as CSV or JSON (lib/audit/export-handler.ts checks session,
// permission and scope, and records the export).
import { handleAuditExport } from "@/lib/audit/export-handler";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleAuditExport(request);
}
