"use client";

import { useRouter } from "next/navigation";

import { revokeApiTokenAction } from "@/lib/api-tokens/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function RevokeTokenButton(props: { token: { id: string; name: string } }) {
  const router = useRouter();
  const { token } = props;
  return (
    <ConfirmDialog
      triggerLabel="Revoke"
      triggerAriaLabel={`Revoke ${token.name}`}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={`Revoke “${token.name}”?`}
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      action={() => revokeApiTokenAction({ id: token.id })}
      onSuccess={() => router.refresh()}
    >
      <p className="text-sm text-slate-600">
        Systems using this token are refused from now on. This cannot be undone; create a new token if needed.
      </p>
    </ConfirmDialog>
  );
}
