"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { switchOrganizationAction } from "@/lib/organizations/actions";

export function OrgSwitcher(props: {
  current: string | null;
  options: { id: string; name: string; role: string }[];
}) {
  const t = useTranslations("shell");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (props.options.length === 0)
    return <span className="text-sm text-slate-500">{t("noOrganization")}</span>;
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="org-switcher" className="sr-only">
        {t("organization")}
      </label>
      <select
        id="org-switcher"
        value={props.current ?? ""}
        disabled={pending || props.options.length < 2}
        onChange={(e) => {
          const organizationId = e.target.value;
          startTransition(async () => {
            const result = await switchOrganizationAction({ organizationId });
            if (!result.ok) setError(result.error);
            else {
              setError(null);
              router.refresh();
            }
          });
        }}
        className="max-w-[14rem] truncate rounded-lg border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm font-medium text-slate-800 shadow-sm disabled:bg-slate-50 disabled:text-slate-700"
      >
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
