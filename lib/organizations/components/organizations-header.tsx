// The organizations page's header ("New organization with Azure AD" for those who may manage
// organizations) and the notices a redirect back to the page carries (?notice=…, ?error=…).
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { ConnectErrorCode } from "@/lib/organizations/connect-errors";
import { Notice, PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

const NOTICES = ["connected", "added", "created", "deleted", "disconnected"] as const;
type NoticeKey = (typeof NOTICES)[number];

/** The success notice named in the address, if it is one the page knows. */
export function organizationNoticeOf(value: unknown): NoticeKey | undefined {
  return NOTICES.find((n) => n === value);
}

export function OrganizationsHeader(props: {
  canManage: boolean;
  notice: NoticeKey | undefined;
  /** the organization the notice is about */
  name: string;
  errorCode: ConnectErrorCode | null;
}) {
  const t = useTranslations("organizations");
  const { notice, errorCode } = props;
  return (
    <>
      <PageHeader
        title={t("page.title")}
        description={t("page.description")}
        actions={
          props.canManage ? (
            <Link href="/organizations/provision" className={buttonClass.primary}>
              {t("page.newWithAzure")}
            </Link>
          ) : null
        }
      />
      {notice ? <Notice tone="success">{t(`notices.${notice}`, { name: props.name })}</Notice> : null}
      {errorCode ? (
        <Notice tone="error">{t("page.connectFailed", { error: t(`connectErrors.${errorCode}`) })}</Notice>
      ) : null}
    </>
  );
}
