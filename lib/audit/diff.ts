// A field-by-field diff of an entry's before/after JSON: nested objects flatten to dotted paths,
// lists of plain values show what was added and removed.
export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  path: string;
  kind: DiffKind;
  before: string | null;
  after: string | null;
  /** for lists of plain values */
  addedItems?: string[];
  removedItems?: string[];
}

type Flat = Map<string, unknown>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function flatten(value: unknown, prefix = "", out: Flat = new Map()): Flat {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set("(value)", value);
  }
  return out;
}

export function show(v: unknown): string | null {
  if (v === undefined) return null;
  if (v === null) return "—";
  if (typeof v === "string") return v === "" ? "(empty)" : v;
  if (Array.isArray(v) && v.every((x) => typeof x !== "object" || x === null))
    return v.length ? v.map(String).join(", ") : "(none)";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function diffKind(hasBefore: boolean, hasAfter: boolean, before: unknown, after: unknown): DiffKind {
  if (!hasBefore) return "added";
  if (!hasAfter) return "removed";
  return JSON.stringify(before) === JSON.stringify(after) ? "unchanged" : "changed";
}

export function diffValues(before: unknown, after: unknown): DiffRow[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const hasA = a.has(path);
    const hasB = b.has(path);
    const va = a.get(path);
    const vb = b.get(path);
    const kind = diffKind(hasA, hasB, va, vb);
    const row: DiffRow = { path, kind, before: hasA ? show(va) : null, after: hasB ? show(vb) : null };
    const plain = (x: unknown): x is unknown[] =>
      Array.isArray(x) && x.every((i) => typeof i !== "object" || i === null);
    if (kind === "changed" && plain(va) && plain(vb)) {
      const sa = new Set(va.map(String));
      const sb = new Set(vb.map(String));
      row.addedItems = [...sb].filter((x) => !sa.has(x));
      row.removedItems = [...sa].filter((x) => !sb.has(x));
    }
    return row;
  });
}
