// The one way names are ordered (lib/sort.ts): case and accents do not change the order.
import { describe, expect, it } from "vitest";

import { byName, compareText } from "@/lib/sort";

describe("name order", () => {
  it("ignores case and accents", () => {
    expect(compareText("émile", "Emile")).toBe(0);
    expect(compareText("anna", "Bert")).toBeLessThan(0);
    expect(compareText("Zoe", "ähm")).toBeGreaterThan(0);
  });

  it("sorts things by their name", () => {
    const sorted = [{ name: "printers" }, { name: "Äpfel" }, { name: "berlin" }, { name: "Accounting" }].sort(
      byName,
    );
    expect(sorted.map((g) => g.name)).toEqual(["Accounting", "Äpfel", "berlin", "printers"]);
  });
});
