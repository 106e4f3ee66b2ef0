// "Export CSV" on a list page: downloads the list with the filters currently applied (every page
// of it, not just the one shown). The route checks permission and records the export.
import type { ExportKind } from "@/lib/exports/kinds";
import { buttonClass } from "@/lib/ui/styles";

export function ExportLink(props: { kind: ExportKind; filters: URLSearchParams }) {
  const filters = new URLSearchParams(props.filters);
  filters.delete("page"); // the export holds every page
  const query = filters.toString();
  return (
    <a
      href={`/api/export/${props.kind}${query ? `?${query}` : ""}`}
      download
      className={buttonClass.secondary}
      aria-label={`Export ${props.kind} as CSV${query ? " (with the current filters)" : ""}`}
    >
      Export CSV
    </a>
  );
}
