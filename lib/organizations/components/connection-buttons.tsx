"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { connectOrganizationAction, disconnectOrganizationAction } from "@/lib/organizations/actions";
import { FormAlert } from "@/lib/ui/components";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";
import { buttonClass } from "@/lib/ui/styles";

export function ConnectButton(props: { label?: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={buttonClass.primary}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await connectOrganizationAction({});
            if (!result.ok) {
              setError(result.error);
              return;
            }
            window.location.assign(result.data.url);
          })
        }
      >
        {pending ? "Opening ezeep…" : (props.label ?? "Connect with ezeep")}
      </button>
      <FormAlert message={error} />
    </div>
  );
}

export function DisconnectButton(props: { organization: { name: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Disconnect"
      title={`Disconnect “${props.organization.name}”?`}
      confirmLabel="Disconnect"
      pendingLabel="Disconnecting…"
      action={() => disconnectOrganizationAction({})}
      onSuccess={(data) => {
        router.push(`/organizations?notice=disconnected&name=${encodeURIComponent(data.name)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        The stored ezeep sign-in is revoked at ezeep and deleted. The portal then uses its own API client for
        this organization, which works only if that client controls it; otherwise connect again.
      </p>
    </ConfirmDialog>
  );
}
