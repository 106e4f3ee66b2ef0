// The audit entry diff and canonical JSON: pure functions the audit pages and the hash chain rely on.
import { describe, expect, it } from "vitest";

import { canonicalJson } from "@/lib/audit/canonical";
import { diffValues, show } from "@/lib/audit/diff";

describe("diffValues", () => {
  it("flattens nested objects to dotted paths and classifies each path", () => {
    const rows = diffValues(
      { name: "Sales", flags: { local: true, mine: false }, gone: 1 },
      { name: "Sales EU", flags: { local: true, mine: true }, added: "x" },
    );
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
    expect(byPath["name"]).toMatchObject({ kind: "changed", before: "Sales", after: "Sales EU" });
    expect(byPath["flags.local"]).toMatchObject({ kind: "unchanged" });
    expect(byPath["flags.mine"]).toMatchObject({ kind: "changed", before: "false", after: "true" });
    expect(byPath["gone"]).toMatchObject({ kind: "removed", before: "1", after: null });
    expect(byPath["added"]).toMatchObject({ kind: "added", before: null, after: "x" });
  });

  it("lists the items added to and removed from a list of plain values", () => {
    const [row] = diffValues({ groups: ["a", "b", "c"] }, { groups: ["b", "c", "d", "e"] });
    expect(row).toMatchObject({
      path: "groups",
      kind: "changed",
      addedItems: ["d", "e"],
      removedItems: ["a"],
    });
  });

  it("treats a list in another order as changed but with nothing added or removed", () => {
    const [row] = diffValues({ groups: ["a", "b"] }, { groups: ["b", "a"] });
    expect(row.kind).toBe("changed");
    expect(row.addedItems).toEqual([]);
    expect(row.removedItems).toEqual([]);
  });

  it("shows a whole value that is not an object under (value), and nothing for null on both sides", () => {
    expect(diffValues("old", "new")).toEqual([
      { path: "(value)", kind: "changed", before: "old", after: "new" },
    ]);
    expect(diffValues(null, null)).toEqual([]);
  });
});

describe("show", () => {
  it("renders values for people: empty strings, nulls, lists and objects", () => {
    expect(show(undefined)).toBeNull();
    expect(show(null)).toBe("—");
    expect(show("")).toBe("(empty)");
    expect(show([])).toBe("(none)");
    expect(show([1, "a"])).toBe("1, a");
    expect(show({ a: 1 })).toBe('{"a":1}');
    expect(show(false)).toBe("false");
  });
});

describe("canonicalJson", () => {
  it("serializes equal values identically whatever the key order, at every depth", () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("keeps array order (order is meaning) and maps undefined to null", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson(undefined)).toBeNull();
    expect(canonicalJson("x")).toBe('"x"');
  });
});
