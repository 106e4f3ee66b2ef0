"use client";

import { useRouter } from "next/navigation";

import { deleteDomainRuleAction } from "@/lib/domain-rules/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function DeleteRuleButton({ rule }: { rule: { id: string; pattern: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete"
      triggerAriaLabel={`Delete the rule for ${rule.pattern}`}
      title={`Delete the rule for “${rule.pattern}”?`}
      confirmLabel="Delete rule"
      pendingLabel="Deleting…"
      action={() => deleteDomainRuleAction({ id: rule.id })}
      onSuccess={() => {
        router.push("/domains?notice=deleted");
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        New users at this domain no longer join its groups automatically. Users keep every group they are in.
      </p>
    </ConfirmDialog>
  );
}
