"use client";

// Global search in the app shell: Ctrl-K / ⌘-K (or the header button) opens a modal dialog with
// one combobox. Results come from one server action, grouped by source; arrow keys move through
// them, Enter opens one, Escape closes. The native modal <dialog> keeps focus inside (the rest of
// the page is inert) and gives focus back to the button when it closes.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type Dispatch,
  type KeyboardEvent,
  type RefObject,
  type SetStateAction,
} from "react";

import { globalSearchAction } from "@/lib/search/actions";
import type { SearchHit, SearchSection } from "@/lib/search/service";
import { inputClass } from "@/lib/ui/styles";

const DEBOUNCE_MS = 200;
// A decorative magnifier glyph (aria-hidden): not a word to translate.
const SEARCH_ICON = "⌕";

interface Answer {
  query: string;
  sections: SearchSection[];
  error: string | null;
}

/** The answer for the current text; "searching" until the answer for exactly this text is in. */
function useSearch(q: string) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const query = q.trim();
  useEffect(() => {
    if (query.length < 2) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const result = await globalSearchAction({ q: query });
      if (stale) return;
      setAnswer(
        result.ok
          ? { query, sections: result.data, error: null }
          : { query, sections: [], error: result.error },
      );
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);
  if (query.length < 2) return { sections: [], status: "idle" as const, error: null };
  if (answer?.query !== query) return { sections: [], status: "searching" as const, error: null };
  return {
    sections: answer.sections,
    status: answer.error ? ("error" as const) : ("done" as const),
    error: answer.error,
  };
}

type SearchTranslator = ReturnType<typeof useTranslations<"search">>;

function statusText(t: SearchTranslator, status: string, count: number, error: string | null): string {
  if (status === "idle") return t("status.idle");
  if (status === "searching") return t("status.searching");
  if (status === "error") return error ?? t("status.failed");
  return count === 0 ? t("status.none") : t("status.found", { count });
}

/** Ctrl-K / ⌘-K anywhere on the page opens the search. */
function useSearchShortcut(open: () => void) {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
}

/** The header button that opens the search, showing its shortcut from the sm width up. */
function SearchButton({ onOpen }: { onOpen: () => void }) {
  const t = useTranslations("search");
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-keyshortcuts="Control+K Meta+K"
      className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-600 hover:border-slate-300 hover:text-slate-900"
    >
      <span aria-hidden>{SEARCH_ICON}</span>
      <span>{t("button")}</span>
      <kbd className="hidden rounded border border-slate-200 px-1 font-sans text-xs text-slate-500 sm:inline">
        {t("shortcut")}
      </kbd>
    </button>
  );
}

/** One result as a listbox option; hovering makes it the active one, a click opens it. */
function SearchOption(props: {
  hit: SearchHit;
  id: string;
  selected: boolean;
  onHover: () => void;
  onPick: () => void;
}) {
  const { hit, selected } = props;
  return (
    <div
      id={props.id}
      role="option"
      aria-selected={selected}
      data-testid="search-option"
      onMouseMove={props.onHover}
      onClick={props.onPick}
      className={`mx-2 cursor-pointer rounded-lg px-3 py-2 text-sm ${selected ? "bg-brand-50 text-brand-900" : "text-slate-800"}`}
    >
      <span className="block truncate font-medium">{hit.title}</span>
      {hit.detail ? <span className="block truncate text-xs text-slate-500">{hit.detail}</span> : null}
    </div>
  );
}

/** The results, one group per source (a source that failed shows its error instead). */
function SearchResults(props: {
  listId: string;
  sections: SearchSection[];
  /** Index of the active option in the flat list of every section's hits. */
  selected: number;
  optionId: (index: number) => string;
  onHover: (index: number) => void;
  onPick: (hit: SearchHit) => void;
}) {
  const t = useTranslations("search");
  const { sections } = props;
  // Each section's first position in the flat list of options (for ids and the active option).
  const offsets = sections.map((_, i) => sections.slice(0, i).reduce((n, sec) => n + sec.hits.length, 0));
  return (
    <div
      id={props.listId}
      role="listbox"
      aria-label={t("results")}
      className="max-h-[60vh] overflow-y-auto py-2"
    >
      {sections.map((section, sectionIndex) =>
        section.hits.length === 0 && !section.error ? null : (
          <div key={section.source} role="group" aria-label={section.label}>
            <p
              className="px-4 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase"
              aria-hidden
            >
              {section.label}
            </p>
            {section.error ? <p className="px-4 py-1 text-sm text-amber-800">{section.error}</p> : null}
            {section.hits.map((hit, hitIndex) => {
              const mine = offsets[sectionIndex] + hitIndex;
              return (
                <SearchOption
                  key={`${hit.source}:${hit.id}`}
                  hit={hit}
                  id={props.optionId(mine)}
                  selected={mine === props.selected}
                  onHover={() => props.onHover(mine)}
                  onPick={() => props.onPick(hit)}
                />
              );
            })}
          </div>
        ),
      )}
    </div>
  );
}

/** The combobox's keys: arrows (wrapping), Home and End move the active option; Enter opens it. */
function handleResultKey(
  event: KeyboardEvent<HTMLInputElement>,
  hitCount: number,
  setActive: Dispatch<SetStateAction<number>>,
  openActive: () => void,
) {
  if (hitCount === 0) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    setActive((i) => (i + step + hitCount) % hitCount);
  } else if (event.key === "Home" || event.key === "End") {
    event.preventDefault();
    setActive(event.key === "Home" ? 0 : hitCount - 1);
  } else if (event.key === "Enter") {
    event.preventDefault();
    openActive();
  }
}

/** The dialog's title (for screen readers), the combobox, and the live status line under it. */
function SearchBox({
  inputRef,
  ...props
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  titleId: string;
  listId: string;
  q: string;
  activeOptionId: string | undefined;
  expanded: boolean;
  statusLine: string;
  onQuery: (q: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}) {
  const t = useTranslations("search");
  return (
    <div className="border-b border-slate-100 p-4">
      <h2 id={props.titleId} className="sr-only">
        {t("dialogTitle")}
      </h2>
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={t("inputLabel")}
        aria-expanded={props.expanded}
        aria-controls={props.listId}
        aria-autocomplete="list"
        aria-activedescendant={props.activeOptionId}
        autoComplete="off"
        placeholder={t("placeholder")}
        value={props.q}
        onChange={(event) => props.onQuery(event.target.value)}
        onKeyDown={props.onKeyDown}
        className={inputClass}
      />
      <p role="status" className="mt-2 text-xs text-slate-500">
        {props.statusLine}
      </p>
    </div>
  );
}

/** The key hints and Close along the dialog's bottom edge. */
function SearchFooter({ onClose }: { onClose: () => void }) {
  const t = useTranslations("search");
  return (
    <div className="flex justify-between gap-2 border-t border-slate-100 bg-slate-50 px-4 py-2 text-xs text-slate-500">
      <span>{t("keys")}</span>
      <button type="button" className="font-medium text-brand-700 hover:underline" onClick={onClose}>
        {t("close")}
      </button>
    </div>
  );
}

/**
 * The modal dialog and its input: `open` (the button, or Ctrl-K / ⌘-K) starts a fresh search
 * with focus in the input; opening an open dialog does nothing. `startAfresh` must be stable.
 */
function useSearchDialog(startAfresh: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const open = useCallback(() => {
    if (dialog.current?.open) return;
    startAfresh();
    dialog.current?.showModal();
    input.current?.focus();
  }, [startAfresh]);
  useSearchShortcut(open);
  return { dialog, input, open };
}

export function GlobalSearch() {
  const t = useTranslations("search");
  const router = useRouter();
  const listId = useId();
  const titleId = useId();
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const startAfresh = useCallback(() => {
    setQ("");
    setActive(0);
  }, []);
  const { dialog, input, open } = useSearchDialog(startAfresh);
  const { sections, status, error } = useSearch(q);
  const hits: SearchHit[] = sections.flatMap((s) => s.hits);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const selected = Math.min(active, hits.length - 1);

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    dialog.current?.close();
    router.push(hit.href);
  };

  return (
    <>
      <SearchButton onOpen={open} />
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="mx-auto mt-[10vh] w-[min(40rem,calc(100vw-2rem))] rounded-xl bg-white p-0 text-slate-900 shadow-xl"
        onClick={(event) => {
          if (event.target === dialog.current) dialog.current?.close(); // a click on the backdrop
        }}
      >
        <SearchBox
          inputRef={input}
          titleId={titleId}
          listId={listId}
          q={q}
          activeOptionId={hits.length > 0 ? optionId(selected) : undefined}
          expanded={hits.length > 0}
          statusLine={statusText(t, status, hits.length, error)}
          onQuery={(next) => {
            setQ(next);
            setActive(0);
          }}
          onKeyDown={(event) => handleResultKey(event, hits.length, setActive, () => go(hits[selected]))}
        />
        <SearchResults
          listId={listId}
          sections={sections}
          selected={selected}
          optionId={optionId}
          onHover={setActive}
          onPick={go}
        />
        <SearchFooter onClose={() => dialog.current?.close()} />
      </dialog>
    </>
  );
}
