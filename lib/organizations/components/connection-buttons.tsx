"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { connectOrganizationAction, disconnectOrganizationAction } from "@/lib/organizations/actions";
import { FormAlert } from "@/lib/ui/components";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";
import { buttonClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

export function ConnectButton(props: { label?: string }) {
  const t = useTranslations("organizations.connect");
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={buttonClass.primary}
        disabled={pending}
        onClick={() =>
          form.run(
            () => connectOrganizationAction({}),
            (data) => window.location.assign(data.url),
          )
        }
      >
        {pending ? t("opening") : (props.label ?? t("button"))}
      </button>
      <FormAlert message={error} ref={errorAnchor} />
    </div>
  );
}

export function DisconnectButton(props: { organization: { name: string } }) {
  const t = useTranslations("organizations.connect");
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel={t("disconnect")}
      title={t("disconnectTitle", { name: props.organization.name })}
      confirmLabel={t("disconnect")}
      pendingLabel={t("disconnecting")}
      action={() => disconnectOrganizationAction({})}
      onSuccess={(data) => {
        router.push(`/organizations?notice=disconnected&name=${encodeURIComponent(data.name)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">{t("disconnectBody")}</p>
    </ConfirmDialog>
  );
}
