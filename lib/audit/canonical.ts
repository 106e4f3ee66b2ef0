// Canonical JSON: sorted keys, so equal values always serialize (and hash) identically.

/** Orders by UTF-16 code units (not locale): the order every stored hash was computed with. */
function byCodeUnits([a]: [string, unknown], [b]: [string, unknown]): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(byCodeUnits))
      : v,
  );
}
