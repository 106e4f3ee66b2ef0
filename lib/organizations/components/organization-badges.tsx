// How the organizations page names a connection (sign-in vs. API client) and a portal role.
import { useTranslations } from "next-intl";

import { isRole } from "@/lib/auth/permissions";
import { Badge } from "@/lib/ui/components";

export function ConnectionBadge(props: { connection: string }) {
  const t = useTranslations("organizations.connectionBadge");
  return props.connection === "authorization_code" ? (
    <Badge tone="violet" title={t("signInTitle")}>
      {t("signIn")}
    </Badge>
  ) : (
    <Badge tone="slate" title={t("clientTitle")}>
      {t("client")}
    </Badge>
  );
}

export function RoleName({ role }: { role: string }) {
  const t = useTranslations("organizations.roles");
  return <>{isRole(role) ? t(role) : role}</>;
}
