"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { connectOrganizationAction, disconnectOrganizationAction } from "@/lib/organizations/actions";
import { FormAlert } from "@/lib/ui/components";
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
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" className={buttonClass.secondary} onClick={() => dialog.current?.showModal()}>
        Disconnect
      </button>
      <dialog ref={dialog} aria-labelledby="disconnect-title" className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl">
        <div className="space-y-3 p-6">
          <h2 id="disconnect-title" className="text-lg font-semibold text-slate-900">
            Disconnect “{props.organization.name}”?
          </h2>
          <p className="text-sm text-slate-600">
            The stored ezeep sign-in is revoked at ezeep and deleted. The portal then uses its own API client for this organization, which works
            only if that client controls it; otherwise connect again.
          </p>
          <FormAlert message={error} />
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
          <button type="button" className={buttonClass.secondary} onClick={() => dialog.current?.close()} disabled={pending}>
            Cancel
          </button>
          <button
            type="button"
            className={buttonClass.danger}
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await disconnectOrganizationAction({});
                if (!result.ok) {
                  setError(result.error);
                  return;
                }
                dialog.current?.close();
                router.push(`/organizations?notice=disconnected&name=${encodeURIComponent(result.data.name)}`);
                router.refresh();
              })
            }
          >
            {pending ? "Disconnecting…" : "Disconnect"}
          </button>
        </div>
      </dialog>
    </>
  );
}
