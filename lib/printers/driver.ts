// Setting a printer's manual driver: PATCH `driver_id`, read back from `manual_driver_id`.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { UserFacingError } from "@/lib/errors";
import { translator } from "@/lib/i18n/server";
import { ezeepFor } from "@/lib/organizations/service";
import { getPrinter } from "@/lib/printers/detail";
import { findMissingDrivers } from "@/lib/printers/reading";
import { driverRef, type DriverName, type DriverRefView } from "@/lib/printers/views";

import "@/lib/printers/reconcile";

/** Sets (or clears, with null) a printer's manual driver: PATCH `driver_id` (§3.7, §4 #11). */
export async function setPrinterDriver(
  ctx: OrgContext,
  input: { printerId: string; driverId: string | null; vendor?: string },
): Promise<{ printerId: string; printerName: string; manualDriver: DriverRefView | null; changed: boolean }> {
  const before = await getPrinter(ctx, input.printerId);
  if ((before.manualDriverId ?? null) === input.driverId) {
    return {
      printerId: before.id,
      printerName: before.name,
      manualDriver: before.manualDriver,
      changed: false,
    };
  }
  const describe = (d: DriverRefView | null) =>
    d ? `${d.name ?? d.id}${d.vendor ? ` (${d.vendor})` : ""}` : "none";
  let chosen: DriverRefView | null = null;
  if (input.driverId) {
    const names = new Map<string, DriverName>();
    if (input.vendor) {
      for await (const d of ezeepFor(ctx.organization).drivers.iterate({
        vendor: input.vendor,
        pageSize: 100,
      }))
        names.set(d.id, { name: d.readable_name || d.name, vendor: d.vendor || input.vendor });
      if (!names.has(input.driverId)) {
        const t = await translator("printers");
        throw new UserFacingError(t("errors.driverNotListed", { vendor: input.vendor }), {
          driverId: [t("errors.driverNotListedField")],
        });
      }
    } else {
      await findMissingDrivers(ctx, [input.driverId], names);
    }
    chosen = driverRef(input.driverId, true, names);
  }
  return audited(ctx, {
    action: "printer.set_driver",
    target: { type: "printer", id: before.id, label: before.name },
    before: { manualDriver: describe(before.manualDriver), manualDriverId: before.manualDriverId },
    intended: { manualDriver: describe(chosen), manualDriverId: input.driverId },
    run: async () => {
      const updated = await ezeepFor(ctx.organization).printers.update(before.id, {
        driver_id: input.driverId,
      });
      // ezeep shows the chosen driver back in manual_driver_id (§3.7).
      const manualId = updated.manual_driver_id ?? null;
      let manualDriver: DriverRefView | null = null;
      if (manualId)
        manualDriver =
          manualId === chosen?.id ? chosen : { id: manualId, name: null, vendor: null, manual: true };
      return {
        result: { printerId: before.id, printerName: before.name, manualDriver, changed: true },
        after: { manualDriver: describe(manualDriver), manualDriverId: manualId },
      };
    },
  });
}
