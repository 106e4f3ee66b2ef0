import type { InvitationStatus } from "@/lib/invitations/schemas";
import { Badge } from "@/lib/ui/components";

export const STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: "Pending",
  expired: "Expired",
  accepted: "Accepted",
  cancelled: "Withdrawn",
};

const TONES = { pending: "amber", expired: "red", accepted: "green", cancelled: "slate" } as const;

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  return (
    <Badge
      tone={TONES[status]}
      title={
        status === "cancelled"
          ? "The invitation no longer exists in ezeep (the invited user was deleted)."
          : undefined
      }
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}
