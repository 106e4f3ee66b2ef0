// The bodies of the provisioning flow's steps, rendered inside the ProvisioningFlow client component.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { CreatePartnerOrganizationForm } from "@/lib/organizations/components/partner-organizations";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

import type { ProvisioningFlowState, StepKey } from "./use-provisioning-flow";

type Organization = { id: string; name: string };
type StepProps = { flow: ProvisioningFlowState; org: Organization };

/** A step's body, or null while the step is still to do (the create step always has one). */
export function stepBody(key: StepKey, flow: ProvisioningFlowState): ReactNode {
  if (key === "create") return <CreateStep flow={flow} />;
  const { org } = flow;
  if (!org || flow.status[key] === "todo") return null;
  if (key === "activate") return <ActivateStep flow={flow} org={org} />;
  if (key === "import") return <ImportStep flow={flow} />;
  return <DeleteStep flow={flow} org={org} />;
}

function CreateStep({ flow }: { flow: ProvisioningFlowState }) {
  const t = useTranslations("organizations.flow");
  if (flow.status.create === "done")
    return <p className="text-sm text-slate-600">{t("created", { name: flow.org?.name ?? "" })}</p>;
  return <CreatePartnerOrganizationForm onCreated={flow.created} />;
}

function ActivateStep({ flow, org }: StepProps) {
  const t = useTranslations("organizations.flow");
  const failed = flow.status.activate === "failed";
  if (flow.status.activate === "done")
    return <p className="text-sm text-slate-600">{t("activeConnection", { name: org.name })}</p>;
  return (
    <div className="flex flex-wrap gap-2">
      <button type="button" className={buttonClass.primary} disabled={flow.pending} onClick={flow.activate}>
        {failed ? t("tryAgain") : t("activate")}
      </button>
      {failed ? (
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => flow.mark("activate", "done", "import")}
        >
          {t("doneInEzeep")}
        </button>
      ) : null}
    </div>
  );
}

function ImportStep({ flow }: { flow: ProvisioningFlowState }) {
  return (
    <div className="space-y-3">
      {flow.status.import !== "done" ? <GroupImportForm flow={flow} /> : null}
      {flow.groups.length > 0 ? <GroupsInEzeep groups={flow.groups} /> : null}
    </div>
  );
}

function GroupImportForm({ flow }: { flow: ProvisioningFlowState }) {
  const t = useTranslations("organizations.flow");
  return (
    <>
      <div className="space-y-1.5">
        <label htmlFor="azure-groups" className={labelClass}>
          {t.rich("groupsLabel", { mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        </label>
        <textarea
          id="azure-groups"
          rows={3}
          value={flow.groupText}
          onChange={(e) => flow.setGroupText(e.target.value)}
          className={`${inputClass} font-mono`}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={flow.pending}
          onClick={flow.importGroups}
        >
          {t("import")}
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={flow.pending}
          onClick={flow.checkGroups}
        >
          {t("check")}
        </button>
      </div>
    </>
  );
}

function GroupsInEzeep({ groups }: { groups: ProvisioningFlowState["groups"] }) {
  const t = useTranslations("organizations.flow");
  return (
    <ul
      aria-label={t("groupsInEzeep")}
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm"
    >
      {groups.map((g) => (
        <li key={g.name} className="flex flex-wrap justify-between gap-2 px-3 py-2">
          <span className="font-medium text-slate-900">{g.name}</span>
          <span className="font-mono text-xs text-slate-500">{g.foreignId ?? t("noObjectId")}</span>
        </li>
      ))}
    </ul>
  );
}

function DeleteStep({ flow, org }: StepProps) {
  const t = useTranslations("organizations.flow");
  if (flow.status.delete === "done")
    return <p className="text-sm text-slate-600">{t("deleted", { name: org.name })}</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("trialsOnly")}</p>
      <div className="space-y-1.5">
        <label htmlFor="flow-confirm" className={labelClass}>
          {t.rich("typeToConfirm", {
            name: org.name,
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          })}
        </label>
        <input
          id="flow-confirm"
          value={flow.typed}
          onChange={(e) => flow.setTyped(e.target.value)}
          autoComplete="off"
          className={inputClass}
        />
      </div>
      <button
        type="button"
        className={buttonClass.danger}
        disabled={flow.pending || flow.typed.trim() !== org.name}
        onClick={flow.remove}
      >
        {t("deleteOrganization")}
      </button>
    </div>
  );
}
