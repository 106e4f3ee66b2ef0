// A list filter in a GET search form: a select with a label only screen readers see (or a
// visible one: `labelClassName`), flat options or option groups.
import { inputClass } from "@/lib/ui/styles";

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterOptionGroup {
  label: string;
  options: FilterOption[];
}

export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  options: FilterOption[];
  /** Shown after `options`, each under its heading. */
  groups?: FilterOptionGroup[];
  /** Width and layout classes added to the shared input style. */
  className?: string;
  /** The label's classes; screen readers only unless given. */
  labelClassName?: string;
}) {
  return (
    <>
      <label htmlFor={props.id} className={props.labelClassName ?? "sr-only"}>
        {props.label}
      </label>
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        className={`${inputClass} ${props.className ?? ""}`}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {props.groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}
