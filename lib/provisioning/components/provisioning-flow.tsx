"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState, useTransition } from "react";

import { deletePartnerOrganizationAction } from "@/lib/organizations/actions";
import { CreatePartnerOrganizationForm } from "@/lib/organizations/components/partner-organizations";
import {
  activateAzureAction,
  checkAzureGroupsAction,
  importAzureGroupsAction,
} from "@/lib/provisioning/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

type Status = "todo" | "current" | "done" | "failed" | "skipped";

// Titles and hints: organizations.flow.steps.<key>.
const STEPS = ["create", "activate", "import", "delete"] as const;
type StepKey = (typeof STEPS)[number];

// Symbols, the same in every language.
const DONE_MARK = "✓";
const FAILED_MARK = "!";

function StatusIcon({ status, index }: { status: Status; index: number }) {
  const base = "flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold";
  if (status === "done")
    return (
      <span className={`${base} bg-emerald-600 text-white`} aria-hidden>
        {DONE_MARK}
      </span>
    );
  if (status === "failed")
    return (
      <span className={`${base} bg-red-600 text-white`} aria-hidden>
        {FAILED_MARK}
      </span>
    );
  if (status === "current")
    return (
      <span className={`${base} bg-brand-600 text-white`} aria-hidden>
        {index + 1}
      </span>
    );
  return (
    <span className={`${base} bg-slate-100 text-slate-500 ring-1 ring-slate-200`} aria-hidden>
      {index + 1}
    </span>
  );
}

export function ProvisioningFlow() {
  const t = useTranslations("organizations.flow");
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const [status, setStatus] = useState<Record<StepKey, Status>>({
    create: "current",
    activate: "todo",
    import: "todo",
    delete: "todo",
  });
  const [errors, setErrors] = useState<Partial<Record<StepKey, string>>>({});
  const [groups, setGroups] = useState<{ name: string; foreignId: string | null }[]>([]);
  const [groupText, setGroupText] = useState("Sales; 6f1c0d2e-sales\nSupport");
  const [typed, setTyped] = useState("");
  const [pending, startTransition] = useTransition();

  const mark = (key: StepKey, s: Status, next?: StepKey, error?: string) => {
    setStatus((prev) => ({
      ...prev,
      [key]: s,
      ...(next && prev[next] === "todo" ? { [next]: "current" } : {}),
    }));
    setErrors((prev) => ({ ...prev, [key]: error }));
  };

  const activate = () =>
    startTransition(async () => {
      const r = await activateAzureAction({ organizationId: org!.id });
      if (r.ok) mark("activate", "done", "import");
      else mark("activate", "failed", undefined, r.error);
    });
  const importGroups = () =>
    startTransition(async () => {
      const parsed = groupText
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const [name, foreignId] = l.split(";").map((p) => p.trim());
          return foreignId ? { name: name!, foreignId } : { name: name! };
        });
      const r = await importAzureGroupsAction({ organizationId: org!.id, groups: parsed });
      if (r.ok) {
        setGroups(r.data.imported);
        mark("import", "done", "delete");
      } else mark("import", "failed", undefined, r.error);
    });
  const checkGroups = () =>
    startTransition(async () => {
      const r = await checkAzureGroupsAction({ organizationId: org!.id });
      if (!r.ok) return mark("import", "failed", undefined, r.error);
      setGroups(r.data);
      if (r.data.length > 0) mark("import", "done", "delete");
      else mark("import", "failed", undefined, t("noGroupsYet"));
    });
  const remove = () =>
    startTransition(async () => {
      const r = await deletePartnerOrganizationAction({ id: org!.id, confirmName: typed });
      if (r.ok) mark("delete", "done");
      else mark("delete", "failed", undefined, r.error);
    });

  const body = (key: StepKey) => {
    if (key === "create") {
      if (status.create === "done")
        return <p className="text-sm text-slate-600">{t("created", { name: org?.name ?? "" })}</p>;
      return (
        <CreatePartnerOrganizationForm onCreated={(o) => (setOrg(o), mark("create", "done", "activate"))} />
      );
    }
    if (!org || status[key] === "todo") return null;
    if (key === "activate") {
      return status.activate === "done" ? (
        <p className="text-sm text-slate-600">{t("activeConnection", { name: org.name })}</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass.primary} disabled={pending} onClick={activate}>
            {status.activate === "failed" ? t("tryAgain") : t("activate")}
          </button>
          {status.activate === "failed" ? (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => mark("activate", "done", "import")}
            >
              {t("doneInEzeep")}
            </button>
          ) : null}
        </div>
      );
    }
    if (key === "import") {
      return (
        <div className="space-y-3">
          {status.import !== "done" ? (
            <>
              <div className="space-y-1.5">
                <label htmlFor="azure-groups" className={labelClass}>
                  {t.rich("groupsLabel", { mono: (chunks) => <span className="font-mono">{chunks}</span> })}
                </label>
                <textarea
                  id="azure-groups"
                  rows={3}
                  value={groupText}
                  onChange={(e) => setGroupText(e.target.value)}
                  className={`${inputClass} font-mono`}
                />
              </div>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={buttonClass.primary}
                  disabled={pending}
                  onClick={importGroups}
                >
                  {t("import")}
                </button>
                <button
                  type="button"
                  className={buttonClass.secondary}
                  disabled={pending}
                  onClick={checkGroups}
                >
                  {t("check")}
                </button>
              </div>
            </>
          ) : null}
          {groups.length > 0 ? (
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
          ) : null}
        </div>
      );
    }
    if (status.delete === "done")
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
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            className={inputClass}
          />
        </div>
        <button
          type="button"
          className={buttonClass.danger}
          disabled={pending || typed.trim() !== org.name}
          onClick={remove}
        >
          {t("deleteOrganization")}
        </button>
      </div>
    );
  };

  return (
    <ol className="space-y-4" aria-label={t("aria")}>
      {STEPS.map((step, index) => {
        const s = status[step];
        return (
          <li
            key={step}
            data-testid={`step-${step}`}
            data-status={s}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
          >
            <div className="flex items-start gap-3">
              <StatusIcon status={s} index={index} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                  <h2 className="text-base font-semibold text-slate-900">{t(`steps.${step}.title`)}</h2>
                  <span className="text-xs font-medium text-slate-500">{t(`status.${s}`)}</span>
                </div>
                <p className="mt-0.5 text-xs text-slate-500">{t(`steps.${step}.hint`)}</p>
                {errors[step] ? (
                  <div className="mt-3 space-y-1">
                    <FormAlert message={errors[step]!} />
                    {step !== "create" ? (
                      <p className="text-sm text-slate-600">
                        {t("whatToDo", { advice: t(`advice.${step}`) })}
                      </p>
                    ) : null}
                  </div>
                ) : null}
                {body(step) ? <div className="mt-4">{body(step)}</div> : null}
              </div>
            </div>
          </li>
        );
      })}
      {status.delete === "done" || status.import === "done" ? (
        <li className="text-sm">
          <Link href="/organizations" className="font-medium text-brand-700 hover:underline">
            {t("backToOrganizations")}
          </Link>
        </li>
      ) : null}
    </ol>
  );
}
