// What ezeep reports a printer can do: formats, status, the automatic driver assignment, print
// options from its capability data, and its identifiers.
import { useLocale, useTranslations } from "next-intl";

import { DetailSection, Field } from "@/lib/printers/components/printer-detail-layout";
import type { CapabilitiesView } from "@/lib/printers/service";
import { Badge } from "@/lib/ui/components";

type Translate = ReturnType<typeof useTranslations<"printers">>;

// ezeep reports the automatic driver assignment as an upper-case state (e.g. SUCCEEDED, SKIPPED).
const AUTO_DRIVER_STATES = {
  SUCCEEDED: "detail.autoSucceeded",
  SKIPPED: "detail.autoSkipped",
  FAILED: "detail.autoFailed",
  PENDING: "detail.autoPending",
} as const;

function autoDriverAssignmentText(t: Translate, state: string | null): string {
  if (!state) return "—";
  const upper = state.toUpperCase();
  if (upper in AUTO_DRIVER_STATES) return t(AUTO_DRIVER_STATES[upper as keyof typeof AUTO_DRIVER_STATES]);
  const words = state.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function PrinterCapabilities({ capabilities }: { capabilities: CapabilitiesView }) {
  const t = useTranslations("printers");
  return (
    <DetailSection
      id="capabilities-title"
      title={t("detail.capabilitiesTitle")}
      description={t("detail.capabilitiesDescription")}
    >
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Field label={t("detail.supportedFormats")}>
          {capabilities.supportedFormats.length ? (
            <span className="flex flex-wrap gap-1">
              {capabilities.supportedFormats.map((f) => (
                <Badge key={f}>{f}</Badge>
              ))}
            </span>
          ) : (
            <span className="text-slate-500">{t("detail.noneReported")}</span>
          )}
        </Field>
        <Field label={t("detail.status")}>{capabilities.status || "—"}</Field>
        <Field label={t("detail.autoAssignment")}>
          {autoDriverAssignmentText(t, capabilities.autoDriverAssignmentState)}
        </Field>
        <Field label={t("detail.printOptions")}>
          <PrintOptions blob={capabilities.blob} />
        </Field>
        <Field label={t("detail.tpId")}>{capabilities.tpId ?? "—"}</Field>
        <Field label={t("detail.pnpId")}>
          {capabilities.pnpId ? (
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs break-all">{capabilities.pnpId}</code>
          ) : (
            "—"
          )}
        </Field>
      </dl>
    </DetailSection>
  );
}

/** The counts from the capability data ezeep keeps for the driver (the data itself stays opaque). */
function PrintOptions({ blob }: { blob: CapabilitiesView["blob"] }) {
  const t = useTranslations("printers");
  const locale = useLocale();
  if (!blob) return <span className="text-slate-500">{t("detail.noneReported")}</span>;
  return (
    <>
      {t("detail.featuresSettings", { features: blob.count ?? "?", settings: blob.options ?? "?" })}
      {blob.blobLength !== null ? (
        <span className="block text-xs text-slate-500">
          {t("detail.driverData", { count: blob.blobLength.toLocaleString(locale) })}
        </span>
      ) : null}
    </>
  );
}
