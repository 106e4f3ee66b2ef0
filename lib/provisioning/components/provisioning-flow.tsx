"use client";

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

const STEPS = [
  { key: "create", title: "Create organization", hint: "ezeep creates a new, empty organization" },
  {
    key: "activate",
    title: "Activate Azure connection",
    hint: "Not documented by ezeep: simulated in the demo",
  },
  {
    key: "import",
    title: "Import Azure groups",
    hint: "Not documented by ezeep: simulated in the demo; checked through the groups API",
  },
  {
    key: "delete",
    title: "Delete organization (optional)",
    hint: "ezeep deletes the organization and everything in it",
  },
] as const;
type StepKey = (typeof STEPS)[number]["key"];

function StatusIcon({ status, index }: { status: Status; index: number }) {
  const base = "flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold";
  if (status === "done")
    return (
      <span className={`${base} bg-emerald-600 text-white`} aria-hidden>
        ✓
      </span>
    );
  if (status === "failed")
    return (
      <span className={`${base} bg-red-600 text-white`} aria-hidden>
        !
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

const STATUS_LABEL: Record<Status, string> = {
  todo: "Not started",
  current: "Next",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};

export function ProvisioningFlow() {
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
      else
        mark(
          "import",
          "failed",
          undefined,
          "No Azure AD groups are in ezeep yet. Import them in the ezeep admin console, then check again.",
        );
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
        return (
          <p className="text-sm text-slate-600">Created “{org?.name}”. You are its owner in this portal.</p>
        );
      return (
        <CreatePartnerOrganizationForm onCreated={(o) => (setOrg(o), mark("create", "done", "activate"))} />
      );
    }
    if (!org || status[key] === "todo") return null;
    if (key === "activate") {
      return status.activate === "done" ? (
        <p className="text-sm text-slate-600">The Azure AD connection of “{org.name}” is active.</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass.primary} disabled={pending} onClick={activate}>
            {status.activate === "failed" ? "Try again" : "Activate Azure connection"}
          </button>
          {status.activate === "failed" ? (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => mark("activate", "done", "import")}
            >
              Done in ezeep
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
                  Azure AD groups, one per line (<span className="font-mono">name; object id</span>, id
                  optional)
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
                  Import Azure groups
                </button>
                <button
                  type="button"
                  className={buttonClass.secondary}
                  disabled={pending}
                  onClick={checkGroups}
                >
                  Check groups
                </button>
              </div>
            </>
          ) : null}
          {groups.length > 0 ? (
            <ul
              aria-label="Azure AD groups in ezeep"
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm"
            >
              {groups.map((g) => (
                <li key={g.name} className="flex flex-wrap justify-between gap-2 px-3 py-2">
                  <span className="font-medium text-slate-900">{g.name}</span>
                  <span className="font-mono text-xs text-slate-500">{g.foreignId ?? "no object id"}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      );
    }
    if (status.delete === "done")
      return (
        <p className="text-sm text-slate-600">
          “{org.name}” was deleted in ezeep and removed from the portal.
        </p>
      );
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          Only for trials: deletes the organization in ezeep with everything in it. Otherwise you are done —
          switch to it with the organization menu.
        </p>
        <div className="space-y-1.5">
          <label htmlFor="flow-confirm" className={labelClass}>
            Type <span className="font-semibold">{org.name}</span> to confirm
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
          Delete organization
        </button>
      </div>
    );
  };

  const WHAT_TO_DO: Partial<Record<StepKey, string>> = {
    activate:
      "Check that the organization was created and the portal's client controls it, then try again — or activate it in the ezeep admin console and choose “Done in ezeep”.",
    import:
      "Check the group names, then try again — or import them in the ezeep admin console and choose “Check groups”.",
    delete: "Type the exact name. If ezeep refused, the organization is unchanged; try again later.",
  };

  return (
    <ol className="space-y-4" aria-label="Provisioning steps">
      {STEPS.map((step, index) => {
        const s = status[step.key];
        return (
          <li
            key={step.key}
            data-testid={`step-${step.key}`}
            data-status={s}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
          >
            <div className="flex items-start gap-3">
              <StatusIcon status={s} index={index} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                  <h2 className="text-base font-semibold text-slate-900">{step.title}</h2>
                  <span className="text-xs font-medium text-slate-500">{STATUS_LABEL[s]}</span>
                </div>
                <p className="mt-0.5 text-xs text-slate-500">{step.hint}</p>
                {errors[step.key] ? (
                  <div className="mt-3 space-y-1">
                    <FormAlert message={errors[step.key]!} />
                    {WHAT_TO_DO[step.key] ? (
                      <p className="text-sm text-slate-600">What to do: {WHAT_TO_DO[step.key]}</p>
                    ) : null}
                  </div>
                ) : null}
                {body(step.key) ? <div className="mt-4">{body(step.key)}</div> : null}
              </div>
            </div>
          </li>
        );
      })}
      {status.delete === "done" || status.import === "done" ? (
        <li className="text-sm">
          <Link href="/organizations" className="font-medium text-brand-700 hover:underline">
            Back to organizations
          </Link>
        </li>
      ) : null}
    </ol>
  );
}
