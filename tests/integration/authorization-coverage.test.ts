// Every server action the portal defines has an enumerated authorization test
// (tests/helpers/authorization.ts): adding an action without one fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";

// Loads every actions module, which registers its actions.
import.meta.glob("/lib/**/actions.ts", { eager: true });

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("authorization coverage", () => {
  it("finds the portal's actions", () => {
    expect(actionRegistry.size).toBeGreaterThanOrEqual(3);
  });

  it("has an enumerated authorization test for every action", () => {
    const covering = testFiles(path.resolve("tests"))
      .map((f) => readFileSync(f, "utf8"))
      .filter((text) => text.includes("testActionAuthorization("))
      .join("\n");
    const missing = [...actionRegistry.keys()].filter((name) => !covering.includes(`"${name}":`));
    expect(missing, "actions without an enumerated authorization test").toEqual([]);
  });
});
