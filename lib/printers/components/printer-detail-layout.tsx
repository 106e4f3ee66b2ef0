// The building blocks of the printer page: a labelled fact, a titled card section, and a driver
// named for people (with its vendor).
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import type { DriverRefView } from "@/lib/printers/service";
import { Card } from "@/lib/ui/components";

export function Field(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900" data-testid={props.testId}>
        {props.children}
      </dd>
    </div>
  );
}

export function DetailSection(props: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id}>
      <Card className="h-full">
        <div className="border-b border-slate-100 px-5 py-3">
          <h2 id={props.id} className="text-sm font-semibold text-slate-900">
            {props.title}
          </h2>
          {props.description ? <p className="mt-0.5 text-xs text-slate-500">{props.description}</p> : null}
        </div>
        <div className="p-5">{props.children}</div>
      </Card>
    </section>
  );
}

export function DriverText({ driver }: { driver: DriverRefView | null }) {
  const t = useTranslations("printers");
  if (!driver) return <span className="text-slate-500">{t("detail.none")}</span>;
  return (
    <span title={driver.id}>
      {driver.name ?? t("table.driverFallback", { id: driver.id.slice(0, 8) })}
      {driver.vendor ? <span className="text-slate-500"> · {driver.vendor}</span> : null}
    </span>
  );
}
