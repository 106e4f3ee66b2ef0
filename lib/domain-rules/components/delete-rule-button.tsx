"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { deleteDomainRuleAction } from "@/lib/domain-rules/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function DeleteRuleButton({ rule }: { rule: { id: string; pattern: string } }) {
  const t = useTranslations("domains.delete");
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel={t("trigger")}
      triggerAriaLabel={t("aria", { pattern: rule.pattern })}
      title={t("title", { pattern: rule.pattern })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      action={() => deleteDomainRuleAction({ id: rule.id })}
      onSuccess={() => {
        router.push("/domains?notice=deleted");
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">{t("body")}</p>
    </ConfirmDialog>
  );
}
