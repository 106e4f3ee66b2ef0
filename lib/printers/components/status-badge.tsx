import { useTranslations } from "next-intl";

import { Badge } from "@/lib/ui/components";

/** A printer's or connector's status as ezeep reports it ("Online", "Offline", "ON", "OFF", …). */
export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("printers");
  const s = status.trim().toLowerCase();
  // The two states the portal knows are shown in the admin's language; anything else as ezeep wrote it.
  if (s === "online" || s === "on") return <Badge tone="green">{t("status.online")}</Badge>;
  if (s === "offline" || s === "off") return <Badge tone="slate">{t("status.offline")}</Badge>;
  if (!s) return <Badge tone="slate">{t("status.unknown")}</Badge>;
  return <Badge tone="amber">{status}</Badge>;
}
