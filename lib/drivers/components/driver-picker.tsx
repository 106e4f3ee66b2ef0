"use client";

// Choose a printer's driver: vendor first, then a searchable list of that vendor's drivers
// (searched on the server), then PATCH driver_id. ezeep shows the choice back as the manual driver.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";

import { searchDriversAction } from "@/lib/drivers/actions";
import type { DriverView } from "@/lib/drivers/service";
import { setDriverAction } from "@/lib/printers/actions";
import { FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

interface DriverPage {
  vendor: string;
  q: string;
  items: DriverView[];
  total: number;
}

/**
 * The vendor's drivers matching `q`, searched on the server (debounced while typing). A page
 * for another vendor or query than the current one counts as still loading.
 */
function useDriverSearch(vendor: string, q: string) {
  const [drivers, setDrivers] = useState<DriverPage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!vendor) return;
    let cancelled = false;
    const timer = setTimeout(
      async () => {
        const result = await searchDriversAction({ vendor, q, limit: 50 });
        if (cancelled) return;
        if (!result.ok) {
          setLoadError(result.error);
          setDrivers(null);
          return;
        }
        setLoadError(null);
        setDrivers({ vendor, q, items: result.data.items, total: result.data.total });
      },
      q ? 250 : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [vendor, q]);

  const loading = Boolean(vendor) && !loadError && (!drivers || drivers.vendor !== vendor || drivers.q !== q);
  const clear = () => setDrivers(null);
  return { drivers, loadError, loading, clear };
}

/** The vendor select and the search box (disabled until a vendor is chosen). */
function VendorAndSearch(props: {
  uid: string;
  vendors: string[];
  vendor: string;
  q: string;
  onVendor: (vendor: string) => void;
  onQuery: (q: string) => void;
}) {
  const t = useTranslations("drivers");
  const { uid, vendor } = props;
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <div className="space-y-1">
        <label htmlFor={`${uid}-vendor`} className={labelClass}>
          {t("picker.vendor")}
        </label>
        <select
          id={`${uid}-vendor`}
          className={inputClass}
          value={vendor}
          onChange={(e) => props.onVendor(e.target.value)}
        >
          <option value="">{t("picker.chooseVendor")}</option>
          {props.vendors.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${uid}-search`} className={labelClass}>
          {t("picker.search")}
        </label>
        <input
          id={`${uid}-search`}
          type="search"
          className={inputClass}
          value={props.q}
          onChange={(e) => props.onQuery(e.target.value)}
          placeholder={vendor ? t("picker.searchVendor", { vendor }) : t("picker.chooseVendorFirst")}
          disabled={!vendor}
        />
      </div>
    </div>
  );
}

/** One driver as a radio: name, then OS, architecture, how many printers use it, "current". */
function DriverOption(props: {
  uid: string;
  driver: DriverView;
  checked: boolean;
  isCurrentManual: boolean;
  onChoose: (id: string) => void;
}) {
  const t = useTranslations("drivers");
  const d = props.driver;
  return (
    <li>
      <label className="flex cursor-pointer items-start gap-3 px-3 py-2 text-sm hover:bg-slate-50">
        <input
          type="radio"
          name={`${props.uid}-driver`}
          value={d.id}
          checked={props.checked}
          onChange={() => props.onChoose(d.id)}
          className="mt-0.5"
        />
        <span className="min-w-0">
          <span className="block font-medium text-slate-900">{d.name}</span>
          <span className="block text-xs text-slate-500">
            {[
              d.os,
              d.arch,
              d.printersUsing ? t("picker.usedBy", { count: d.printersUsing }) : "",
              props.isCurrentManual ? t("picker.currentManual") : "",
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </span>
      </label>
    </li>
  );
}

/** The chosen vendor's drivers: an error, "loading", "none", or the list to choose from. */
function DriverList(props: {
  uid: string;
  vendor: string;
  q: string;
  loading: boolean;
  loadError: string | null;
  shown: DriverPage | null;
  chosen: string;
  manualDriverId: string | undefined;
  onChoose: (id: string) => void;
}) {
  const t = useTranslations("drivers");
  const { vendor, q, loadError, shown } = props;
  return (
    <fieldset className="rounded-lg border border-slate-200" aria-busy={props.loading}>
      <legend className="sr-only">{t("picker.driversOf", { vendor })}</legend>
      {loadError ? (
        <p role="alert" className="px-3 py-3 text-sm text-red-800">
          {t("picker.loadFailed", { error: loadError })}
        </p>
      ) : null}
      {!loadError && !shown ? (
        <p className="px-3 py-3 text-sm text-slate-500">{t("picker.loading")}</p>
      ) : null}
      {!loadError && shown?.items.length === 0 ? (
        <p className="px-3 py-3 text-sm text-slate-500">
          {q ? t("picker.noMatch", { vendor, q }) : t("picker.noDriver", { vendor })}
        </p>
      ) : null}
      {!loadError && shown && shown.items.length > 0 ? (
        <ul
          className="max-h-64 divide-y divide-slate-100 overflow-y-auto"
          aria-label={t("picker.driversOf", { vendor })}
        >
          {shown.items.map((d) => (
            <DriverOption
              key={d.id}
              uid={props.uid}
              driver={d}
              checked={props.chosen === d.id}
              isCurrentManual={props.manualDriverId === d.id}
              onChoose={props.onChoose}
            />
          ))}
          {shown.total > shown.items.length ? (
            <li className="px-3 py-2 text-xs text-slate-500">
              {t("picker.showing", { shown: shown.items.length, total: shown.total })}
            </li>
          ) : null}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** Set driver (the chosen one, unless it is already the manual driver) and Remove manual driver. */
function SaveButtons(props: {
  pending: boolean;
  canSet: boolean;
  hasManualDriver: boolean;
  onSet: () => void;
  onRemove: () => void;
}) {
  const t = useTranslations("drivers");
  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="button"
        className={buttonClass.primary}
        disabled={props.pending || !props.canSet}
        onClick={props.onSet}
      >
        {props.pending ? t("picker.saving") : t("picker.setDriver")}
      </button>
      {props.hasManualDriver ? (
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={props.pending}
          onClick={props.onRemove}
        >
          {t("picker.removeManual")}
        </button>
      ) : null}
    </div>
  );
}

/** PATCHes the printer's driver (null removes the manual one) and says what it uses now. */
function useSaveDriver(printer: { id: string; name: string }, vendor: string, onSaved: () => void) {
  const t = useTranslations("drivers");
  const router = useRouter();
  const form = useActionForm();
  function save(driverId: string | null) {
    form.reset();
    form.run(
      () => setDriverAction({ printerId: printer.id, driverId, ...(driverId && vendor ? { vendor } : {}) }),
      (data) => {
        onSaved();
        router.refresh();
        const d = data.manualDriver;
        return d
          ? t("picker.nowUses", { printer: printer.name, driver: d.name ?? d.id })
          : t("picker.removed");
      },
    );
  }
  return { form, save };
}

export function DriverPicker(props: {
  printerId: string;
  printerName: string;
  vendors: string[];
  defaultVendor: string;
  manualDriver: { id: string; name: string | null } | null;
}) {
  const uid = useId();
  const initialVendor =
    props.vendors.find((v) => v.toLowerCase() === props.defaultVendor.toLowerCase()) ?? "";
  const [vendor, setVendor] = useState(initialVendor);
  const [q, setQ] = useState("");
  const { drivers, loadError, loading, clear } = useDriverSearch(vendor, q);
  const [chosen, setChosen] = useState<string>("");
  const { form, save } = useSaveDriver({ id: props.printerId, name: props.printerName }, vendor, () =>
    setChosen(""),
  );
  function chooseVendor(next: string) {
    setVendor(next);
    clear();
    setChosen("");
    setQ("");
  }

  const { pending, error, status, errorAnchor, statusAnchor } = form;

  // The list on screen belongs to the chosen vendor; a stale one counts as still loading.
  const shown = drivers && drivers.vendor === vendor ? drivers : null;
  return (
    <div className="space-y-3">
      <FormAlert message={error} ref={errorAnchor} />
      <FormStatus message={status} ref={statusAnchor} />
      <VendorAndSearch
        uid={uid}
        vendors={props.vendors}
        vendor={vendor}
        q={q}
        onVendor={chooseVendor}
        onQuery={setQ}
      />
      {vendor ? (
        <DriverList
          uid={uid}
          vendor={vendor}
          q={q}
          loading={loading}
          loadError={loadError}
          shown={shown}
          chosen={chosen}
          manualDriverId={props.manualDriver?.id}
          onChoose={setChosen}
        />
      ) : null}
      <SaveButtons
        pending={pending}
        canSet={Boolean(chosen) && chosen !== props.manualDriver?.id}
        hasManualDriver={Boolean(props.manualDriver)}
        onSet={() => save(chosen)}
        onRemove={() => save(null)}
      />
    </div>
  );
}
