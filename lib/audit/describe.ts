// What an audit entry changed, in words: "added to Engineering, Marketing; removed from Sales",
// "renamed from Sales to Field sales", "turned on local printing". Pure: it reads only what the
// entry itself stores. Names of groups, printers and users are written into the entry's
// before/after when it is recorded (the services store names next to ids), so a later rename or
// deletion never changes how an old entry reads. Used by the audit list, the entry page and the
// "Recent changes" lists.
import { actionLabel, auditActionOf } from "@/lib/audit/actions-catalog";
import { PRINTING_FLAG_LABELS, type PrintingFlag } from "@/lib/users/constants";

export interface DescribableEntry {
  action: string;
  outcome: string;
  before: unknown;
  after: unknown;
}

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
}

/** A stored name list: an array of names, or (printer assignments) one "A, B" string. */
function names(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.filter((x) => typeof x === "string" || typeof x === "number").map(String);
  if (typeof v === "string") return v.trim() === "" ? [] : v.split(", ");
  return null;
}

function listChange(before: Json | null, after: Json | null, verbs: [string, string]): string | null {
  const a = names(before?.groups);
  const b = names(after?.groups);
  if (!a || !b) return null;
  const added = b.filter((n) => !a.includes(n));
  const removed = a.filter((n) => !b.includes(n));
  const parts = [
    added.length ? `${verbs[0]} ${added.join(", ")}` : null,
    removed.length ? `${verbs[1]} ${removed.join(", ")}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join("; ") : "no change to the groups";
}

function quoted(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(empty)";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const list = names(v);
  return list ? list.join(", ") || "(none)" : "(a structured value)";
}

/** "firstName" → "first name", "local_printing_enabled" → "local printing enabled". */
function humanField(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

function changedKeys(before: Json, after: Json): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function flagChanges(before: Json, after: Json): string | null {
  const parts = changedKeys(before, after).map((flag) => {
    const label = PRINTING_FLAG_LABELS[flag as PrintingFlag]?.label ?? humanField(flag);
    const verb = after[flag] === "on" || after[flag] === true ? "turned on" : "turned off";
    return `${verb} ${label.toLowerCase()}`;
  });
  return parts.length ? parts.join("; ") : null;
}

function fieldChanges(before: Json, after: Json): string | null {
  const parts = changedKeys(before, after).map((key) => {
    if (key === "name") return `renamed from ${quoted(before.name)} to ${quoted(after.name)}`;
    if (!(key in before)) return `set ${humanField(key)} to ${quoted(after[key])}`;
    return `changed ${humanField(key)} from ${quoted(before[key])} to ${quoted(after[key])}`;
  });
  return parts.length ? parts.join("; ") : null;
}

function named(prefix: string, value: Json | null): string | null {
  const name = value?.name ?? value?.email;
  return typeof name === "string" && name ? `${prefix} “${name}”` : null;
}

/**
 * The change in words, or the action's label when the entry stores nothing more specific (a
 * refused attempt stores only what was asked). A change that did not happen says so first.
 */
export function describeChange(entry: DescribableEntry): string {
  const action = auditActionOf(entry.action);
  const specific = specificChange(action, asObject(entry.before), asObject(entry.after));
  const text = specific ?? actionLabel(entry.action);
  if (entry.outcome === "success") return text;
  if (entry.outcome === "failure") return `Not done: ${text}`;
  // "pending" (no answer yet, or never: sealed), "unknown" or any outcome added later.
  return `Outcome unknown: ${text}`;
}

function specificChange(action: string, before: Json | null, after: Json | null): string | null {
  switch (action) {
    case "membership.update":
    case "provisioning.membership":
      return listChange(before, after, ["added to", "removed from"]);
    case "printer.assignment":
      return listChange(before, after, ["assigned to", "unassigned from"]);
    case "user.update_printing":
      return before && after ? flagChanges(before, after) : null;
    case "group.create":
      return named("created the group", after);
    case "group.delete":
      return named("deleted the group", before);
    case "user.delete":
      return named("deleted the user", before);
    default:
      return before && after ? fieldChanges(before, after) : null;
  }
}
