// A list filter in a GET search form: a select with a label only screen readers see.
import { inputClass } from "@/lib/ui/styles";

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  options: FilterOption[];
  /** Width and layout classes added to the shared input style. */
  className?: string;
}) {
  return (
    <>
      <label htmlFor={props.id} className="sr-only">
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
      </select>
    </>
  );
}
