// What every page of one group shares: the breadcrumb trail (Groups › the group › the section)
// and the notice shown instead of the page when ezeep could not be asked for the group.
import { useTranslations } from "next-intl";

import { Breadcrumbs, Notice } from "@/lib/ui/components";

/**
 * `name` is the group's name when ezeep answered; `section` names a sub-page (members, printers),
 * which makes the group's crumb a link back to its overview.
 */
export function GroupBreadcrumbs(props: { groupId: string; name: string | null; section?: string }) {
  const t = useTranslations("groups.detail");
  const label = props.name ?? t("title");
  const items =
    props.section === undefined
      ? [{ label: t("breadcrumb"), href: "/groups" }, { label }]
      : [
          { label: t("breadcrumb"), href: "/groups" },
          { label, href: `/groups/${props.groupId}` },
          { label: props.section },
        ];
  return <Breadcrumbs items={items} />;
}

export function GroupLoadFailed({ error }: { error: string }) {
  const t = useTranslations("groups.detail");
  return (
    <div className="mt-4">
      <Notice tone="error">{t("loadFailed", { error })}</Notice>
    </div>
  );
}
