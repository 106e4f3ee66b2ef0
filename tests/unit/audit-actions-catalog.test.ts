// Every audit action name written anywhere in the code is in the catalogue
// (lib/audit/actions-catalog.ts), and every server action records a catalogue name.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  ACTION_ALIASES,
  actionLabel,
  AUDIT_ACTION_NAMES,
  AUDIT_ACTIONS,
  auditActionOf,
  familyOf,
  isAuditAction,
  storedNamesOf,
} from "@/lib/audit/actions-catalog";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules" || name === "ezeep-simulator") continue;
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

/** `action: "x.y"`, `name: "x.y"` in a defineAction, `const action = "x.y"`, ternaries of them. */
function recordedNames(text: string): string[] {
  const found: string[] = [];
  // The value ends at a comma, semicolon or line end — or at the next JSX attribute (`action="/x" y=…`).
  const statement = /\b(?:action|name)\s*[:=]\s*([^,;\n]*?)(?=\s+[A-Za-z]+=|[,;\n]|$)/g;
  for (const m of text.matchAll(statement)) {
    for (const lit of m[1].matchAll(/"([a-z][a-z_]*(?:\.[a-z_]+)+)"/g)) found.push(lit[1]);
  }
  return found;
}

describe("audit action catalogue", () => {
  const files = [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))];
  const uses = files.flatMap((file) =>
    recordedNames(readFileSync(file, "utf8")).map((name) => ({ file: path.relative(ROOT, file), name })),
  );

  it("finds the action names in the code (the scan works)", () => {
    expect(uses.map((u) => u.name)).toEqual(
      expect.arrayContaining(["group.create", "membership.update", "printer.assignment", "admin.sign_in"]),
    );
  });

  it("knows every action name recorded or defined in lib/ and app/", () => {
    // Permission names ("groups.write") share the shape; they are not action names.
    const unknown = uses
      .filter((u) => !isAuditAction(auditActionOf(u.name)))
      .filter((u) => !/permission|nav-items|permissions\.ts/.test(u.file));
    expect(unknown).toEqual([]);
  });

  it("records the one name of a kind of change, never an alias", () => {
    const aliasesRecorded = uses.filter((u) => u.name in ACTION_ALIASES && !/actions\.ts$/.test(u.file));
    expect(aliasesRecorded).toEqual([]);
  });

  it("maps every alias to a catalogue name and lists old names for filtering", () => {
    for (const [alias, canonical] of Object.entries(ACTION_ALIASES)) {
      expect(isAuditAction(alias)).toBe(false);
      expect(isAuditAction(canonical)).toBe(true);
    }
    expect(storedNamesOf("membership.update").sort()).toEqual(
      [
        "membership.add",
        "membership.bulk_add",
        "membership.bulk_remove",
        "membership.remove",
        "membership.update",
      ].sort(),
    );
    expect(actionLabel("membership.remove")).toBe(AUDIT_ACTIONS["membership.update"].label);
  });

  it("has a family, a label and a sentence for each name", () => {
    for (const name of AUDIT_ACTION_NAMES) {
      expect(familyOf(name)).toMatch(/^[a-z_]+$/);
      expect(AUDIT_ACTIONS[name].label.length).toBeGreaterThan(3);
      expect(AUDIT_ACTIONS[name].sentence.length).toBeGreaterThan(3);
    }
  });
});
