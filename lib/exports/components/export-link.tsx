// "Export CSV" on a list page: downloads the list with the filters currently applied (every page
// of it, not just the one shown). The route checks permission and records the export.
import { useTranslations } from "next-intl";

import type { ExportKind } from "@/lib/exports/kinds";
import { buttonClass } from "@/lib/ui/styles";

export function ExportLink(props: { kind: ExportKind; filters: URLSearchParams }) {
  const t = useTranslations("audit.exportLink");
  const filters = new URLSearchParams(props.filters);
  filters.delete("page"); // the export holds every page
  const query = filters.toString();
  const kind = t(`kinds.${props.kind}`);
  return (
    <a
      href={`/api/export/${props.kind}${query ? `?${query}` : ""}`}
      download
      className={buttonClass.secondary}
      aria-label={query ? t("ariaFiltered", { kind }) : t("aria", { kind })}
    >
      {t("label")}
    </a>
  );
}
