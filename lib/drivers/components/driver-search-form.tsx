// The drivers page's search: choose a vendor, optionally narrow by a search text.
import { useTranslations } from "next-intl";

import { buttonClass, inputClass } from "@/lib/ui/styles";

/** `vendor`: the vendor shown ("" for none yet); `q`: the search text asked for. */
export function DriverSearchForm({ vendors, vendor, q }: { vendors: string[]; vendor: string; q: string }) {
  const t = useTranslations("drivers");
  return (
    <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/drivers">
      <label htmlFor="driver-vendor" className="sr-only">
        {t("page.vendor")}
      </label>
      <select id="driver-vendor" name="vendor" defaultValue={vendor} className={`${inputClass} sm:w-56`}>
        <option value="">{t("page.chooseVendor")}</option>
        {vendors.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <label htmlFor="driver-search" className="sr-only">
        {t("page.searchLabel")}
      </label>
      <input
        id="driver-search"
        name="q"
        type="search"
        defaultValue={q}
        placeholder={t("page.searchPlaceholder")}
        className={inputClass}
      />
      <button type="submit" className={`${buttonClass.secondary} whitespace-nowrap`}>
        {t("page.show")}
      </button>
    </form>
  );
}
