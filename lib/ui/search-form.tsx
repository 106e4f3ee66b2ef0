// The search form of a list page: a plain GET form (filtering works without JavaScript and every
// filtered view has its own address) with a search field, the page's own filters as children and a
// submit button. Hidden inputs keep filters the form does not show (e.g. the chosen tab).
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { buttonClass, inputClass } from "@/lib/ui/styles";

/** The catalogue sections holding a list's `searchLabel`, `searchPlaceholder` and `search` texts. */
export type SearchMessages =
  "connectors.list" | "groups.list" | "groups.members" | "invitations.page" | "printers.list" | "users.list";

export function SearchForm(props: {
  action: string;
  messages: SearchMessages;
  /** The search field's id; the field is named `q` and starts with `q`. */
  fieldId: string;
  q: string;
  /** The form's layout; a row from `sm` up unless given. */
  className?: string;
  /** When given, the field sits with its label in a div of this class (a grid cell). */
  fieldClassName?: string;
  /** Replaces the secondary button style. */
  submitClassName?: string;
  /** When given, the filters (children) and the submit button sit together in a div of this class. */
  controlsClassName?: string;
  /** Kept as hidden inputs, before the field; an undefined value leaves the input out. */
  hidden?: Record<string, string | undefined>;
  children?: ReactNode;
}) {
  const t = useTranslations(props.messages);
  const controls = (
    <>
      {props.children}
      <button type="submit" className={props.submitClassName ?? buttonClass.secondary}>
        {t("search")}
      </button>
    </>
  );
  const field = (
    <>
      <label htmlFor={props.fieldId} className="sr-only">
        {t("searchLabel")}
      </label>
      <input
        id={props.fieldId}
        name="q"
        type="search"
        defaultValue={props.q}
        placeholder={t("searchPlaceholder")}
        className={inputClass}
      />
    </>
  );
  return (
    <form
      role="search"
      className={props.className ?? "mb-4 flex flex-col gap-2 sm:flex-row"}
      action={props.action}
    >
      {Object.entries(props.hidden ?? {}).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      {props.fieldClassName ? <div className={props.fieldClassName}>{field}</div> : field}
      {props.controlsClassName ? <div className={props.controlsClassName}>{controls}</div> : controls}
    </form>
  );
}
