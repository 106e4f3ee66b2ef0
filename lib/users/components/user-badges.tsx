import { useTranslations } from "next-intl";

import { Badge } from "@/lib/ui/components";

export function RoleBadge({ role }: { role: "admin" | "user" }) {
  const t = useTranslations("users.roles");
  return role === "admin" ? <Badge tone="blue">{t("admin")}</Badge> : <Badge tone="slate">{t("user")}</Badge>;
}

export function StatusBadge({
  verified,
  invitation,
}: {
  verified: boolean;
  invitation?: { status: string } | null;
}) {
  const t = useTranslations("users.badges");
  if (verified) return <Badge tone="green">{t("active")}</Badge>;
  if (invitation?.status === "EXPIRED") return <Badge tone="red">{t("invitationExpired")}</Badge>;
  return <Badge tone="amber">{t("invited")}</Badge>;
}
