// "Who can print here": the members of the printer's groups, each with the group(s) giving access.
import { useTranslations } from "next-intl";

import type { ActionResult } from "@/lib/auth/action";
import { DetailSection } from "@/lib/printers/components/printer-detail-layout";
import type { PrinterUserView } from "@/lib/printers/service";
import { Badge, Notice } from "@/lib/ui/components";

const MAX_USERS = 100;

export function PrinterUsers(props: { users: ActionResult<PrinterUserView[]>; groupCount: number }) {
  const t = useTranslations("printers");
  const { users } = props;
  return (
    <DetailSection id="users-title" title={t("detail.usersTitle")} description={t("detail.usersDescription")}>
      {!users.ok ? <Notice tone="error">{t("detail.usersFailed", { error: users.error })}</Notice> : null}
      {users.ok && users.data.length === 0 ? (
        <p className="text-sm text-slate-500">
          {props.groupCount === 0 ? t("detail.nobodyNoGroup") : t("detail.nobodyNoMembers")}
        </p>
      ) : null}
      {users.ok && users.data.length > 0 ? (
        <>
          <ul className="divide-y divide-slate-100" aria-label={t("detail.usersList")}>
            {users.data.slice(0, MAX_USERS).map((user) => (
              <PrinterUserRow key={user.id} user={user} />
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500">
            {users.data.length > MAX_USERS
              ? t("detail.showingUsers", { shown: MAX_USERS, count: users.data.length })
              : t("detail.userCount", { count: users.data.length })}
          </p>
        </>
      ) : null}
    </DetailSection>
  );
}

function PrinterUserRow({ user }: { user: PrinterUserView }) {
  return (
    <li className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:items-center sm:justify-between">
      <span className="min-w-0">
        <span className="font-medium text-slate-900">{user.name}</span>
        {user.email && user.email !== user.name ? (
          <span className="block truncate text-slate-500 sm:inline sm:before:content-['_·_']">
            {user.email}
          </span>
        ) : null}
      </span>
      <span className="flex flex-wrap gap-1">
        {user.via.map((g) => (
          <Badge key={g.id} tone="blue">
            {g.name}
          </Badge>
        ))}
      </span>
    </li>
  );
}
