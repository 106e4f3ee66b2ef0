"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { revokeApiTokenAction } from "@/lib/api-tokens/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function RevokeTokenButton(props: { token: { id: string; name: string } }) {
  const t = useTranslations("settings.apiTokens");
  const router = useRouter();
  const { token } = props;
  return (
    <ConfirmDialog
      triggerLabel={t("revoke")}
      triggerAriaLabel={t("revokeAria", { name: token.name })}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={t("revokeTitle", { name: token.name })}
      confirmLabel={t("revokeConfirm")}
      pendingLabel={t("revoking")}
      action={() => revokeApiTokenAction({ id: token.id })}
      onSuccess={() => router.refresh()}
    >
      <p className="text-sm text-slate-600">{t("revokeBody")}</p>
    </ConfirmDialog>
  );
}
