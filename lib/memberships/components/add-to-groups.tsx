"use client";

// "Add to groups" on a user's page: pick one or several groups the user is not in yet.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import { addMembershipAction } from "@/lib/memberships/actions";
import { Badge, FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

type Group = { id: string; name: string; azure: boolean };

/** The filter text, the groups it leaves visible, and which groups are ticked. */
function useGroupChoice(groups: Group[]) {
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const visible = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return groups.filter((g) => !needle || g.name.toLowerCase().includes(needle));
  }, [q, groups]);
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return { q, setQ, visible, chosen, toggle, clear: () => setChosen(new Set()) };
}

export function AddToGroups(props: { user: { id: string; label: string }; groups: Group[] }) {
  const t = useTranslations("users.addToGroups");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const choice = useGroupChoice(props.groups);
  const form = useActionForm();
  const { pending, error, status, errorAnchor, statusAnchor } = form;

  // The result stays in the same place whether the picker is open or closed, so focus can go to it.
  const result = <FormStatus message={status} ref={statusAnchor} className="mb-3" />;
  if (!open) {
    return (
      <div>
        {result}
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => {
            form.reset();
            setOpen(true);
          }}
          disabled={props.groups.length === 0}
        >
          {t("open")}
        </button>
      </div>
    );
  }
  const submit = () => {
    const names = props.groups.filter((g) => choice.chosen.has(g.id)).map((g) => g.name);
    form.run(
      () => addMembershipAction({ userId: props.user.id, groupIds: [...choice.chosen] }),
      () => {
        choice.clear();
        setOpen(false);
        router.refresh();
        return t("added", { name: props.user.label, groups: names.join(", ") });
      },
    );
  };
  return (
    <div className="w-full space-y-3" data-testid="add-to-groups">
      {result}
      <ChooserHeader name={props.user.label} onClose={() => setOpen(false)} closeDisabled={pending} />
      <GroupFilter value={choice.q} onChange={choice.setQ} />
      <GroupChecklist groups={choice.visible} chosen={choice.chosen} onToggle={choice.toggle} />
      <FormAlert message={error} ref={errorAnchor} />
      <div className="flex justify-end">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={choice.chosen.size === 0 || pending}
          onClick={submit}
        >
          {pending ? t("adding") : t("submit", { count: choice.chosen.size })}
        </button>
      </div>
    </div>
  );
}

function ChooserHeader(props: { name: string; onClose: () => void; closeDisabled: boolean }) {
  const t = useTranslations("users.addToGroups");
  return (
    <div className="flex items-center justify-between">
      <h3 className="text-sm font-semibold text-slate-900">{t("title", { name: props.name })}</h3>
      <button
        type="button"
        className={buttonClass.ghost}
        onClick={props.onClose}
        disabled={props.closeDisabled}
      >
        {t("close")}
      </button>
    </div>
  );
}

function GroupFilter(props: { value: string; onChange: (value: string) => void }) {
  const t = useTranslations("users.addToGroups");
  return (
    <>
      <label htmlFor="group-filter" className="sr-only">
        {t("filterLabel")}
      </label>
      <input
        id="group-filter"
        type="search"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={t("filterLabel")}
        className={inputClass}
        autoFocus
      />
    </>
  );
}

function GroupChecklist(props: { groups: Group[]; chosen: Set<string>; onToggle: (id: string) => void }) {
  const t = useTranslations("users.addToGroups");
  const tBadges = useTranslations("users.badges");
  return (
    <ul
      aria-label={t("listLabel")}
      className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
    >
      {props.groups.length === 0 ? (
        <li className="px-3 py-4 text-sm text-slate-500">{t("noMatch")}</li>
      ) : null}
      {props.groups.map((g) => (
        <li key={g.id}>
          <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
              checked={props.chosen.has(g.id)}
              onChange={() => props.onToggle(g.id)}
            />
            <span className="font-medium text-slate-900">{g.name}</span>
            {g.azure ? <Badge tone="violet">{tBadges("azureAd")}</Badge> : null}
          </label>
        </li>
      ))}
    </ul>
  );
}
