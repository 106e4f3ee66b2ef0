"use client";

// The trial provisioning flow's state: which step is where, each step's error, the organization
// the first step created, and the actions behind the later steps' buttons.
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import { deletePartnerOrganizationAction } from "@/lib/organizations/actions";
import {
  activateAzureAction,
  checkAzureGroupsAction,
  importAzureGroupsAction,
} from "@/lib/provisioning/actions";

export type StepStatus = "todo" | "current" | "done" | "failed" | "skipped";

// Titles and hints: organizations.flow.steps.<key>.
export const STEPS = ["create", "activate", "import", "delete"] as const;
export type StepKey = (typeof STEPS)[number];

export type ProvisioningFlowState = ReturnType<typeof useProvisioningFlow>;

/** "Name; object id" per line (the id is optional); blank lines are ignored. */
function parseGroupLines(text: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, foreignId] = l.split(";").map((p) => p.trim());
      return foreignId ? { name: name!, foreignId } : { name: name! };
    });
}

function useStepStatus() {
  const [status, setStatus] = useState<Record<StepKey, StepStatus>>({
    create: "current",
    activate: "todo",
    import: "todo",
    delete: "todo",
  });
  const [errors, setErrors] = useState<Partial<Record<StepKey, string>>>({});
  /** Sets a step's status and error; a `next` step still to do becomes the current one. */
  const mark = (key: StepKey, s: StepStatus, next?: StepKey, error?: string) => {
    setStatus((prev) => ({
      ...prev,
      [key]: s,
      ...(next && prev[next] === "todo" ? { [next]: "current" } : {}),
    }));
    setErrors((prev) => ({ ...prev, [key]: error }));
  };
  return { status, errors, mark };
}

export function useProvisioningFlow() {
  const t = useTranslations("organizations.flow");
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const { status, errors, mark } = useStepStatus();
  const [groups, setGroups] = useState<{ name: string; foreignId: string | null }[]>([]);
  const [groupText, setGroupText] = useState("Sales; 6f1c0d2e-sales\nSupport");
  const [typed, setTyped] = useState("");
  const [pending, startTransition] = useTransition();

  const created = (o: { id: string; name: string }) => {
    setOrg(o);
    mark("create", "done", "activate");
  };
  const activate = () =>
    startTransition(async () => {
      const r = await activateAzureAction({ organizationId: org!.id });
      if (r.ok) mark("activate", "done", "import");
      else mark("activate", "failed", undefined, r.error);
    });
  const importGroups = () =>
    startTransition(async () => {
      const groups = parseGroupLines(groupText);
      const r = await importAzureGroupsAction({ organizationId: org!.id, groups });
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

  const state = { org, status, errors, groups, groupText, typed, pending };
  return { ...state, setGroupText, setTyped, mark, created, activate, importGroups, checkGroups, remove };
}
