// The search form of a list page: a plain GET form (filtering works without JavaScript and every
// filtered view has its own address) with a search field, the page's own filters as children and a
// submit button. Hidden inputs keep filters the form does not show (e.g. the chosen tab).
import type { ReactNode } from "react";

import { buttonClass, inputClass } from "@/lib/ui/styles";

export interface SearchFieldProps {
  id: string;
  /** Read by screen readers only. */
  label: string;
  placeholder: string;
  defaultValue: string;
  /** When given, the label and the field sit in a div of this class (a grid cell). */
  wrapperClassName?: string;
}

export function SearchForm(props: {
  action: string;
  className: string;
  search: SearchFieldProps;
  submitLabel: string;
  /** Replaces the secondary button style. */
  submitClassName?: string;
  /** Kept as hidden inputs, before the field; an undefined value leaves the input out. */
  hidden?: Record<string, string | undefined>;
  /** When given, the filters (children) and the submit button sit together in a div of this class. */
  controlsClassName?: string;
  children?: ReactNode;
}) {
  const controls = (
    <>
      {props.children}
      <button type="submit" className={props.submitClassName ?? buttonClass.secondary}>
        {props.submitLabel}
      </button>
    </>
  );
  return (
    <form role="search" className={props.className} action={props.action}>
      {Object.entries(props.hidden ?? {}).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <SearchField {...props.search} />
      {props.controlsClassName ? <div className={props.controlsClassName}>{controls}</div> : controls}
    </form>
  );
}

function SearchField({ wrapperClassName, ...field }: SearchFieldProps) {
  const labelAndInput = (
    <>
      <label htmlFor={field.id} className="sr-only">
        {field.label}
      </label>
      <input
        id={field.id}
        name="q"
        type="search"
        defaultValue={field.defaultValue}
        placeholder={field.placeholder}
        className={inputClass}
      />
    </>
  );
  return wrapperClassName ? <div className={wrapperClassName}>{labelAndInput}</div> : labelAndInput;
}
