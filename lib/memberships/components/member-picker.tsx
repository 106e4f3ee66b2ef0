"use client";

// "Add members" on a group's Members tab: search people (server-side, from the user index), pick
// one or many, add them with progress and a result per person.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

import { BulkProgress, useBulkAdd } from "@/lib/memberships/components/bulk-add";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass } from "@/lib/ui/styles";
import { searchUsersAction } from "@/lib/users/actions";

interface Candidate {
  id: string;
  name: string;
  email: string;
}

export function MemberPicker({ group }: { group: { id: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Candidate[]>([]);
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [searching, startSearch] = useTransition();
  const bulk = useBulkAdd(() => router.refresh());
  const requestId = useRef(0);

  useEffect(() => {
    if (!open) return;
    const id = ++requestId.current;
    const timer = setTimeout(() => {
      startSearch(async () => {
        const result = await searchUsersAction({ q, notInGroup: group.id, limit: 20 });
        if (id !== requestId.current) return;
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setError(null);
        setResults(result.data);
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [q, open, group.id]);

  const toggle = (c: Candidate) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(c.id)) next.delete(c.id);
      else next.set(c.id, c);
      return next;
    });

  if (!open) {
    return (
      <button type="button" className={buttonClass.primary} onClick={() => setOpen(true)}>
        Add members
      </button>
    );
  }

  const running = bulk.state?.running ?? false;
  return (
    <div className={`${cardClass} w-full basis-full space-y-3 p-4`} data-testid="member-picker">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">Add people to “{group.name}”</h2>
        <button
          type="button"
          className={buttonClass.ghost}
          onClick={() => {
            setOpen(false);
            setSelected(new Map());
            bulk.clear();
          }}
          disabled={running}
        >
          Close
        </button>
      </div>
      <div>
        <label htmlFor="member-search" className="sr-only">
          Search people by name or email
        </label>
        <input
          id="member-search"
          type="search"
          autoFocus
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search people by name or email"
          className={inputClass}
          aria-controls="member-results"
        />
      </div>
      <FormAlert message={error} />
      <ul
        id="member-results"
        aria-label="People not in this group"
        aria-busy={searching}
        className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
      >
        {results.length === 0 ? (
          <li className="px-3 py-4 text-sm text-slate-500">{noResultsText(searching, q)}</li>
        ) : (
          results.map((c) => (
            <li key={c.id}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  checked={selected.has(c.id)}
                  onChange={() => toggle(c)}
                  className="h-4 w-4 rounded border-slate-300 text-brand-600"
                />
                <span className="min-w-0">
                  <span className="block truncate font-medium text-slate-900">{c.name}</span>
                  <span className="block truncate text-slate-500">{c.email}</span>
                </span>
              </label>
            </li>
          ))
        )}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          {selected.size === 0
            ? "Nobody selected yet."
            : `${selected.size} selected: ${[...selected.values()]
                .slice(0, 3)
                .map((c) => c.name)
                .join(", ")}${selected.size > 3 ? ` and ${selected.size - 3} more` : ""}`}
        </p>
        <button
          type="button"
          className={buttonClass.primary}
          disabled={selected.size === 0 || running}
          onClick={async () => {
            const users = [...selected.values()].map((c) => ({ id: c.id, label: c.name, detail: c.email }));
            setSelected(new Map());
            await bulk.run(group, users);
            setResults((prev) => prev.filter((c) => !users.some((u) => u.id === c.id)));
          }}
        >
          {running ? "Adding…" : addLabel(selected.size)}
        </button>
      </div>
      {bulk.state ? <BulkProgress state={bulk.state} onClose={bulk.clear} /> : null}
    </div>
  );
}

function noResultsText(searching: boolean, query: string): string {
  if (searching) return "Searching…";
  return query ? "Nobody outside this group matches." : "Everyone is in this group already.";
}

function addLabel(people: number): string {
  return people > 1 ? `Add ${people} people` : "Add to group";
}
