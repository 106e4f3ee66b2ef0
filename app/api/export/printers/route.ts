// Streams the printers list as CSV with the list page's filters (lib/exports/handler.ts checks session
// and permission, and records the export).
import { handleListExport } from "@/lib/exports/handler";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleListExport(request, "printers");
}
