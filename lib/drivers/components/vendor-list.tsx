// The drivers page before a vendor is chosen: every vendor as a link to its drivers.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { Card } from "@/lib/ui/components";

export function VendorList({ vendors }: { vendors: string[] }) {
  const t = useTranslations("drivers");
  return (
    <section aria-labelledby="vendors-title">
      <h2 id="vendors-title" className="mb-2 text-sm font-semibold text-slate-900">
        {t("page.vendorCount", { count: vendors.length })}
      </h2>
      <Card className="p-4">
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
          {vendors.map((v) => (
            <li key={v}>
              <Link
                href={`/drivers?vendor=${encodeURIComponent(v)}`}
                className="block truncate rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 hover:text-brand-700"
              >
                {v}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </section>
  );
}
