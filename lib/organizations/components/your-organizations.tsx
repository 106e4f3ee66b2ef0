// "Your organizations": every organization the admin holds a role in, with the role and how the
// portal is connected to it; the current one is marked.
import { useTranslations } from "next-intl";

import type { Membership } from "@/lib/auth/session";
import { ConnectionBadge, RoleName } from "@/lib/organizations/components/organization-badges";
import { Card } from "@/lib/ui/components";

export function YourOrganizations(props: { memberships: Membership[]; currentId: string }) {
  const t = useTranslations("organizations");
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <h2 className="text-base font-semibold text-slate-900">{t("page.yours")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("page.yoursHint")}</p>
      </div>
      <ul className="divide-y divide-slate-100">
        {props.memberships.map((m) => (
          <li
            key={m.organization.id}
            data-testid="organization-row"
            className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm sm:px-6"
          >
            <span className="min-w-0 flex-1 font-medium text-slate-900">
              {m.organization.name}
              {m.organization.id === props.currentId ? (
                <span className="ml-2 text-xs font-normal text-slate-500">{t("page.currentMark")}</span>
              ) : null}
            </span>
            <span className="text-slate-600">
              <RoleName role={m.role} />
            </span>
            <ConnectionBadge connection={m.organization.connection} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
