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

export function DriverPicker(props: {
  printerId: string;
  printerName: string;
  vendors: string[];
  defaultVendor: string;
  manualDriver: { id: string; name: string | null } | null;
}) {
  const t = useTranslations("drivers");
  const router = useRouter();
  const uid = useId();
  const initialVendor =
    props.vendors.find((v) => v.toLowerCase() === props.defaultVendor.toLowerCase()) ?? "";
  const [vendor, setVendor] = useState(initialVendor);
  const [q, setQ] = useState("");
  const [drivers, setDrivers] = useState<{
    vendor: string;
    q: string;
    items: DriverView[];
    total: number;
  } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const form = useActionForm();
  const { pending, error, status, errorAnchor, statusAnchor } = form;

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

  function save(driverId: string | null) {
    form.reset();
    form.run(
      () =>
        setDriverAction({
          printerId: props.printerId,
          driverId,
          ...(driverId && vendor ? { vendor } : {}),
        }),
      (data) => {
        setChosen("");
        router.refresh();
        const d = data.manualDriver;
        return d
          ? t("picker.nowUses", { printer: props.printerName, driver: d.name ?? d.id })
          : t("picker.removed");
      },
    );
  }

  // The list on screen belongs to the chosen vendor; a stale one counts as still loading.
  const shown = drivers && drivers.vendor === vendor ? drivers : null;
  return (
    <div className="space-y-3">
      <FormAlert message={error} ref={errorAnchor} />
      <FormStatus message={status} ref={statusAnchor} />
      <div className="grid gap-2 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${uid}-vendor`} className={labelClass}>
            {t("picker.vendor")}
          </label>
          <select
            id={`${uid}-vendor`}
            className={inputClass}
            value={vendor}
            onChange={(e) => {
              setVendor(e.target.value);
              setDrivers(null);
              setChosen("");
              setQ("");
            }}
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
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={vendor ? t("picker.searchVendor", { vendor }) : t("picker.chooseVendorFirst")}
            disabled={!vendor}
          />
        </div>
      </div>
      {vendor ? (
        <fieldset className="rounded-lg border border-slate-200" aria-busy={loading}>
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
                <li key={d.id}>
                  <label className="flex cursor-pointer items-start gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                    <input
                      type="radio"
                      name={`${uid}-driver`}
                      value={d.id}
                      checked={chosen === d.id}
                      onChange={() => setChosen(d.id)}
                      className="mt-0.5"
                    />
                    <span className="min-w-0">
                      <span className="block font-medium text-slate-900">{d.name}</span>
                      <span className="block text-xs text-slate-500">
                        {[
                          d.os,
                          d.arch,
                          d.printersUsing ? t("picker.usedBy", { count: d.printersUsing }) : "",
                          props.manualDriver?.id === d.id ? t("picker.currentManual") : "",
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
              {shown.total > shown.items.length ? (
                <li className="px-3 py-2 text-xs text-slate-500">
                  {t("picker.showing", { shown: shown.items.length, total: shown.total })}
                </li>
              ) : null}
            </ul>
          ) : null}
        </fieldset>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={pending || !chosen || chosen === props.manualDriver?.id}
          onClick={() => save(chosen)}
        >
          {pending ? t("picker.saving") : t("picker.setDriver")}
        </button>
        {props.manualDriver ? (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={pending}
            onClick={() => save(null)}
          >
            {t("picker.removeManual")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
