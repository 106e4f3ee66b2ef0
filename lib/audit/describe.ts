// What an audit entry changed, in words: "added to Engineering, Marketing; removed from Sales",
// "renamed from Sales to Field sales", "turned on local printing". Pure: it reads only what the
// entry itself stores. Names of groups, printers and users are written into the entry's
// before/after when it is recorded (the services store names next to ids), so a later rename or
// deletion never changes how an old entry reads. Used by the audit list, the entry page and the
// "Recent changes" lists. The words come from the `audit` message namespace (the reader's
// language; English by default); the stored names stay as recorded.
import { auditActionOf } from "@/lib/audit/actions-catalog";
import { englishAudit, localActionLabel, type AuditTranslator } from "@/lib/audit/i18n";

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

type ListVerbs = ["addedTo", "removedFrom"] | ["assignedTo", "unassignedFrom"];

function listChange(t: AuditTranslator, before: Json | null, after: Json | null, verbs: ListVerbs) {
  const a = names(before?.groups);
  const b = names(after?.groups);
  if (!a || !b) return null;
  const added = b.filter((n) => !a.includes(n));
  const removed = a.filter((n) => !b.includes(n));
  const parts = [
    added.length ? t(`describe.${verbs[0]}`, { names: added.join(", ") }) : null,
    removed.length ? t(`describe.${verbs[1]}`, { names: removed.join(", ") }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join("; ") : t("describe.noGroupChange");
}

function quoted(t: AuditTranslator, v: unknown): string {
  if (v === null || v === undefined || v === "") return t("describe.empty");
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const list = names(v);
  if (!list) return t("describe.structured");
  return list.length ? list.join(", ") : t("describe.none");
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

const FLAGS = [
  "local_printing_enabled",
  "self_service_enabled",
  "myprinters_enabled",
  "pull_printing_enabled",
] as const;

function flagName(t: AuditTranslator, flag: string): string {
  const known = FLAGS.find((f) => f === flag);
  return known ? t(`describe.flags.${known}`) : humanField(flag);
}

function flagChanges(t: AuditTranslator, before: Json, after: Json): string | null {
  const parts = changedKeys(before, after).map((flag) => {
    const on = after[flag] === "on" || after[flag] === true;
    return t(on ? "describe.turnedOn" : "describe.turnedOff", { flag: flagName(t, flag) });
  });
  return parts.length ? parts.join("; ") : null;
}

function fieldChanges(t: AuditTranslator, before: Json, after: Json): string | null {
  const parts = changedKeys(before, after).map((key) => {
    if (key === "name")
      return t("describe.renamed", { from: quoted(t, before.name), to: quoted(t, after.name) });
    // Field names are ezeep's (code), shown as words but not translated.
    const field = humanField(key);
    if (!(key in before)) return t("describe.set", { field, value: quoted(t, after[key]) });
    return t("describe.changed", { field, from: quoted(t, before[key]), to: quoted(t, after[key]) });
  });
  return parts.length ? parts.join("; ") : null;
}

type NamedChange = "describe.createdGroup" | "describe.deletedGroup" | "describe.deletedUser";

function named(t: AuditTranslator, key: NamedChange, value: Json | null): string | null {
  const name = value?.name ?? value?.email;
  return typeof name === "string" && name ? t(key, { name }) : null;
}

/**
 * The change in words, or the action's label when the entry stores nothing more specific (a
 * refused attempt stores only what was asked). A change that did not happen says so first.
 */
export function describeChange(entry: DescribableEntry, t: AuditTranslator = englishAudit): string {
  const action = auditActionOf(entry.action);
  const specific = specificChange(t, action, asObject(entry.before), asObject(entry.after));
  const text = specific ?? localActionLabel(t, entry.action);
  if (entry.outcome === "success") return text;
  if (entry.outcome === "failure") return t("describe.notDone", { text });
  // "pending" (no answer yet, or never: sealed), "unknown" or any outcome added later.
  return t("describe.outcomeUnknown", { text });
}

function specificChange(t: AuditTranslator, action: string, before: Json | null, after: Json | null) {
  switch (action) {
    case "membership.update":
    case "provisioning.membership":
      return listChange(t, before, after, ["addedTo", "removedFrom"]);
    case "printer.assignment":
      return listChange(t, before, after, ["assignedTo", "unassignedFrom"]);
    case "user.update_printing":
      return before && after ? flagChanges(t, before, after) : null;
    case "group.create":
      return named(t, "describe.createdGroup", after);
    case "group.delete":
      return named(t, "describe.deletedGroup", before);
    case "user.delete":
      return named(t, "describe.deletedUser", before);
    default:
      return before && after ? fieldChanges(t, before, after) : null;
  }
}
