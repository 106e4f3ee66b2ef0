import { useTranslations } from "next-intl";

import type { InvitationStatus } from "@/lib/invitations/schemas";
import { Badge } from "@/lib/ui/components";

const TONES = { pending: "amber", expired: "red", accepted: "green", cancelled: "slate" } as const;

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const t = useTranslations("invitations");
  return (
    <Badge tone={TONES[status]} title={status === "cancelled" ? t("status.cancelledTitle") : undefined}>
      {t(`status.${status}`)}
    </Badge>
  );
}
