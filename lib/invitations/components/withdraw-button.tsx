"use client";

// "Withdraw" on an open invitation. The dialog says plainly what happens at ezeep: there is no
// withdraw call, so the invited (not yet signed-up) user is deleted, which ends the invitation.
import { useRouter } from "next/navigation";

import { withdrawInvitationAction } from "@/lib/invitations/withdraw";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function WithdrawInvitationButton({ id, email }: { id: string; email: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Withdraw"
      triggerAriaLabel={`Withdraw the invitation to ${email}`}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title="Withdraw this invitation?"
      confirmLabel="Withdraw invitation"
      pendingLabel="Withdrawing…"
      action={() => withdrawInvitationAction({ id })}
      onSuccess={() => router.refresh()}
    >
      <p className="text-sm text-slate-700">
        The link sent to <span className="font-medium">{email}</span> stops working.
      </p>
      <p className="text-sm text-slate-600">
        ezeep has no separate “withdraw” step: sending an invitation creates a user who has not signed up yet,
        and the portal withdraws the invitation by deleting that user in ezeep. Nothing else changes; you can
        invite the address again later.
      </p>
    </ConfirmDialog>
  );
}
