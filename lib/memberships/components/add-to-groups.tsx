"use client";

// "Add to groups" on a user's page: pick one or several groups the user is not in yet.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";

import { addMembershipAction } from "@/lib/memberships/actions";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export function AddToGroups(props: {
  user: { id: string; label: string };
  groups: { id: string; name: string; azure: boolean }[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const visible = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return props.groups.filter((g) => !needle || g.name.toLowerCase().includes(needle));
  }, [q, props.groups]);

  if (!open) {
    return (
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={() => setOpen(true)}
        disabled={props.groups.length === 0}
      >
        Add to groups
      </button>
    );
  }
  return (
    <div className="w-full space-y-3" data-testid="add-to-groups">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Add {props.user.label} to groups</h3>
        <button type="button" className={buttonClass.ghost} onClick={() => setOpen(false)} disabled={pending}>
          Close
        </button>
      </div>
      <label htmlFor="group-filter" className="sr-only">
        Filter groups
      </label>
      <input
        id="group-filter"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Filter groups"
        className={inputClass}
        autoFocus
      />
      <ul
        aria-label="Groups to join"
        className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
      >
        {visible.length === 0 ? (
          <li className="px-3 py-4 text-sm text-slate-500">No group matches.</li>
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
                {g.azure ? <Badge tone="violet">Azure AD</Badge> : null}
              </label>
            </li>
          ))
        )}
      </ul>
      <FormAlert message={error} />
      <div className="flex justify-end">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={chosen.size === 0 || pending}
          onClick={() =>
            startTransition(async () => {
              const result = await addMembershipAction({ userId: props.user.id, groupIds: [...chosen] });
              if (!result.ok) {
                setError(result.error);
                return;
              }
              setError(null);
              setChosen(new Set());
              setOpen(false);
              router.refresh();
            })
          }
        >
          {pending ? "Adding…" : chosen.size > 1 ? `Add to ${chosen.size} groups` : "Add to group"}
        </button>
      </div>
    </div>
  );
}
