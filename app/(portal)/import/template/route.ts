// GET /import/template: the CSV template for the Import page (example data only, no
// organization data, so it needs no permission of its own).
import { IMPORT_TEMPLATE_CSV, IMPORT_TEMPLATE_FILENAME } from "@/lib/provisioning/csv-template";

export const dynamic = "force-static";

export function GET(): Response {
  return new Response(IMPORT_TEMPLATE_CSV, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${IMPORT_TEMPLATE_FILENAME}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
