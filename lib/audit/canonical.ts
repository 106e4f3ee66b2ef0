// Canonical JSON: sorted keys, so equal values always serialize (and hash) identically.
export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
