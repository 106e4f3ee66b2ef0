"use client";

// "Add members" on a group's Members tab: search people (server-side, from the user index), pick
// one or many, add them with progress and a result per person.
import { useTranslations } from "next-intl";
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

/** Searches people not in the group as the query changes (debounced; only the latest answer counts). */
function useCandidateSearch(groupId: string, open: boolean, q: string) {
  const [results, setResults] = useState<Candidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [searching, startSearch] = useTransition();
  const requestId = useRef(0);

  useEffect(() => {
    if (!open) return;
    const id = ++requestId.current;
    const timer = setTimeout(() => {
      startSearch(async () => {
        const result = await searchUsersAction({ q, notInGroup: groupId, limit: 20 });
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
  }, [q, open, groupId]);

  return { results, setResults, error, searching };
}

function useCandidateSelection() {
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const toggle = (c: Candidate) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(c.id)) next.delete(c.id);
      else next.set(c.id, c);
      return next;
    });
  return { selected, toggle, clear: () => setSelected(new Map()) };
}

export function MemberPicker({ group }: { group: { id: string; name: string } }) {
  const t = useTranslations("groups.picker");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const search = useCandidateSearch(group.id, open, q);
  const { selected, toggle, clear } = useCandidateSelection();
  const bulk = useBulkAdd(() => router.refresh());

  if (!open) {
    return (
      <button type="button" className={buttonClass.primary} onClick={() => setOpen(true)}>
        {t("open")}
      </button>
    );
  }

  const running = bulk.state?.running ?? false;
  const close = () => {
    setOpen(false);
    clear();
    bulk.clear();
  };
  const addSelected = async () => {
    const users = [...selected.values()].map((c) => ({ id: c.id, label: c.name, detail: c.email }));
    clear();
    await bulk.run(group, users);
    search.setResults((prev) => prev.filter((c) => !users.some((u) => u.id === c.id)));
  };
  return (
    <div className={`${cardClass} w-full basis-full space-y-3 p-4`} data-testid="member-picker">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{t("title", { group: group.name })}</h2>
        <button type="button" className={buttonClass.ghost} onClick={close} disabled={running}>
          {t("close")}
        </button>
      </div>
      <MemberSearch value={q} onChange={setQ} />
      <FormAlert message={search.error} />
      <CandidateList
        candidates={search.results}
        emptyText={noResultsText(t, search.searching, q)}
        searching={search.searching}
        selected={selected}
        onToggle={toggle}
      />
      <AddSelected names={[...selected.values()].map((c) => c.name)} running={running} onAdd={addSelected} />
      {bulk.state ? <BulkProgress state={bulk.state} onClose={bulk.clear} /> : null}
    </div>
  );
}

/** Who is selected (by name) and the button that adds them. */
function AddSelected(props: { names: string[]; running: boolean; onAdd: () => void }) {
  const t = useTranslations("groups.picker");
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <p className="text-sm text-slate-600">{selectionText(t, props.names)}</p>
      <button
        type="button"
        className={buttonClass.primary}
        disabled={props.names.length === 0 || props.running}
        onClick={props.onAdd}
      >
        {props.running ? t("adding") : t("add", { count: props.names.length })}
      </button>
    </div>
  );
}

function MemberSearch(props: { value: string; onChange: (value: string) => void }) {
  const t = useTranslations("groups.picker");
  return (
    <div>
      <label htmlFor="member-search" className="sr-only">
        {t("searchLabel")}
      </label>
      <input
        id="member-search"
        type="search"
        autoFocus
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={t("searchLabel")}
        className={inputClass}
        aria-controls="member-results"
      />
    </div>
  );
}

function CandidateList(props: {
  candidates: Candidate[];
  emptyText: string;
  searching: boolean;
  selected: Map<string, Candidate>;
  onToggle: (candidate: Candidate) => void;
}) {
  const t = useTranslations("groups.picker");
  return (
    <ul
      id="member-results"
      aria-label={t("resultsLabel")}
      aria-busy={props.searching}
      className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
    >
      {props.candidates.length === 0 ? (
        <li className="px-3 py-4 text-sm text-slate-500">{props.emptyText}</li>
      ) : null}
      {props.candidates.map((c) => (
        <li key={c.id}>
          <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              checked={props.selected.has(c.id)}
              onChange={() => props.onToggle(c)}
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            <span className="min-w-0">
              <span className="block truncate font-medium text-slate-900">{c.name}</span>
              <span className="block truncate text-slate-500">{c.email}</span>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

type PickerT = ReturnType<typeof useTranslations<"groups.picker">>;

function noResultsText(t: PickerT, searching: boolean, query: string): string {
  if (searching) return t("searching");
  return query ? t("noMatch") : t("everyoneIn");
}

const NAMES_SHOWN = 3;

function selectionText(t: PickerT, names: string[]): string {
  if (names.length === 0) return t("nobodySelected");
  const shown = names.slice(0, NAMES_SHOWN).join(", ");
  if (names.length <= NAMES_SHOWN) return t("selected", { count: names.length, names: shown });
  return t("selectedMore", { count: names.length, names: shown, more: names.length - NAMES_SHOWN });
}
