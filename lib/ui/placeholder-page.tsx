// An area of the navigation whose feature arrives later: the page exists, states what it will do,
// and still checks the reader's permission on the server.
import { getTranslations } from "next-intl/server";

import type { Permission } from "@/lib/auth/permissions";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export async function PlaceholderPage(props: { title: string; permission: Permission; purpose: string }) {
  const ctx = await getPageContext();
  const t = await getTranslations("common.comingSoon");
  return (
    <>
      <PageHeader title={props.title} description={t("purpose", { purpose: props.purpose })} />
      {ctx.can(props.permission) ? (
        <ComingSoon area={props.title} />
      ) : (
        <AccessDenied what={props.title.toLowerCase()} />
      )}
    </>
  );
}
