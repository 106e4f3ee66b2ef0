"use client";

// "Add to groups" on a user's page: pick one or several groups the user is not in yet.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import { addMembershipAction } from "@/lib/memberships/actions";
import { Badge, FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

export function AddToGroups(props: {
  user: { id: string; label: string };
  groups: { id: string; name: string; azure: boolean }[];
}) {
  const t = useTranslations("users.addToGroups");
  const tBadges = useTranslations("users.badges");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const form = useActionForm();
  const { pending, error, status, errorAnchor, statusAnchor } = form;
  const visible = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return props.groups.filter((g) => !needle || g.name.toLowerCase().includes(needle));
  }, [q, props.groups]);

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
  return (
    <div className="w-full space-y-3" data-testid="add-to-groups">
      {result}
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">{t("title", { name: props.user.label })}</h3>
        <button type="button" className={buttonClass.ghost} onClick={() => setOpen(false)} disabled={pending}>
          {t("close")}
        </button>
      </div>
      <label htmlFor="group-filter" className="sr-only">
        {t("filterLabel")}
      </label>
      <input
        id="group-filter"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t("filterLabel")}
        className={inputClass}
        autoFocus
      />
      <ul
        aria-label={t("listLabel")}
        className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
      >
        {visible.length === 0 ? (
          <li className="px-3 py-4 text-sm text-slate-500">{t("noMatch")}</li>
        ) : (
          visible.map((g) => (
            <li key={g.id}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-300 text-brand-600"
                  checked={chosen.has(g.id)}
                  onChange={() =>
                    setChosen((prev) => {
                      const next = new Set(prev);
                      if (next.has(g.id)) next.delete(g.id);
                      else next.add(g.id);
                      return next;
                    })
                  }
                />
                <span className="font-medium text-slate-900">{g.name}</span>
                {g.azure ? <Badge tone="violet">{tBadges("azureAd")}</Badge> : null}
              </label>
            </li>
          ))
        )}
      </ul>
      <FormAlert message={error} ref={errorAnchor} />
      <div className="flex justify-end">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={chosen.size === 0 || pending}
          onClick={() => {
            const names = props.groups.filter((g) => chosen.has(g.id)).map((g) => g.name);
            form.run(
              () => addMembershipAction({ userId: props.user.id, groupIds: [...chosen] }),
              () => {
                setChosen(new Set());
                setOpen(false);
                router.refresh();
                return t("added", { name: props.user.label, groups: names.join(", ") });
              },
            );
          }}
        >
          {pending ? t("adding") : t("submit", { count: chosen.size })}
        </button>
      </div>
    </div>
  );
}
