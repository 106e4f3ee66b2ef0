// The printer page's two editable sections: the groups that may print to it, and its driver
// (automatic, or one chosen by hand).
import { useTranslations } from "next-intl";

import type { ActionResult } from "@/lib/auth/action";
import { DriverPicker } from "@/lib/drivers/components/driver-picker";
import { DetailSection, DriverText, Field } from "@/lib/printers/components/printer-detail-layout";
import { PrinterGroupsEditor } from "@/lib/printers/components/printer-groups-editor";
import type { PrinterDetail } from "@/lib/printers/service";
import { Notice } from "@/lib/ui/components";

/** `groups` are the organization's groups to choose from: null for those who may not assign. */
export function PrinterGroupsSection(props: {
  printer: PrinterDetail;
  groups: ActionResult<{ id: string; name: string }[]> | null;
  canWrite: boolean;
}) {
  const t = useTranslations("printers");
  const { printer, groups } = props;
  return (
    <DetailSection
      id="groups-title"
      title={t("detail.groupsTitle")}
      description={t("detail.groupsDescription")}
    >
      {groups && !groups.ok ? (
        <Notice tone="error">{t("detail.groupsFailed", { error: groups.error })}</Notice>
      ) : null}
      <PrinterGroupsEditor
        printerId={printer.id}
        printerName={printer.name}
        assigned={printer.groups}
        allGroups={groups && groups.ok ? groups.data.map((g) => ({ id: g.id, name: g.name })) : []}
        canWrite={props.canWrite && Boolean(groups?.ok)}
      />
    </DetailSection>
  );
}

/** `vendors` are ezeep's driver vendors: null for those who may not choose a driver. */
export function PrinterDriverSection(props: {
  printer: PrinterDetail;
  vendors: ActionResult<string[]> | null;
}) {
  const t = useTranslations("printers");
  const { printer, vendors } = props;
  return (
    <DetailSection
      id="driver-title"
      title={t("detail.driverTitle")}
      description={t("detail.driverDescription")}
    >
      <dl className="mb-4 grid gap-3 sm:grid-cols-2">
        <Field label={t("detail.manualDriver")} testId="manual-driver">
          <DriverText driver={printer.manualDriver} />
        </Field>
        <Field label={t("detail.automaticDriver")}>
          <DriverText driver={printer.autoDriver} />
        </Field>
      </dl>
      {vendors?.ok ? (
        <DriverPicker
          printerId={printer.id}
          printerName={printer.name}
          vendors={vendors.data}
          defaultVendor={printer.manualDriver?.vendor ?? printer.vendor}
          manualDriver={
            printer.manualDriver ? { id: printer.manualDriver.id, name: printer.manualDriver.name } : null
          }
        />
      ) : null}
      {vendors && !vendors.ok ? (
        <Notice tone="error">{t("detail.vendorsFailed", { error: vendors.error })}</Notice>
      ) : null}
    </DetailSection>
  );
}
