// Every audit action that writes to ezeep has a reconciler, so a write whose answer was lost is
// read back instead of staying "unknown" for 24 h. The catalogue marks the writes
// (EZEEP_WRITE_ACTIONS); a scan of lib/ finds modules that call an ezeep write and fails on a
// catalogue action named there that is neither marked nor explained below.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { EZEEP_WRITE_ACTIONS, isAuditAction } from "@/lib/audit/actions-catalog";
import { reconcilerFor } from "@/lib/audit/reconcilers";

// The follow-up job's module: it loads every feature's reconcilers.
import "@/lib/invitations/reconcile-unknown";

const ROOT = path.resolve(__dirname, "../..");

/** Catalogue names found in modules that write to ezeep, whose own change is no ezeep write. */
const NOT_EZEEP_WRITES: Record<string, string> = {
  "invitation.adopt": "marks a found invitation as the portal's own, in the portal database",
  "invitation.sync": "the follow-up run; each write inside it has its own entry",
  "provisioning.invitation_groups": "records intended groups on the portal's invitation row",
  "group.export": "a read",
  "user.export": "a read",
  "printer.export": "a read",
};

/** An ezeep client write: `<resource>.create|update|delete|setGroups|resend|assign|unassign(`. */
const WRITE_CALL =
  /\b(?:groups|printingUsers|users|invitations|assignments|printers|connectors|organizations)\s*\.\s*(?:create|update|delete|setGroups|resend|assign|unassign)\(/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (["generated", "ezeep", "ezeep-simulator"].includes(name)) continue;
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

function writingModules(): { file: string; actions: string[] }[] {
  return sourceFiles(path.join(ROOT, "lib"))
    .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, "utf8") }))
    .filter(({ text }) => WRITE_CALL.test(text) && /\baudited\(/.test(text))
    .map(({ file, text }) => ({
      file,
      actions: [...text.matchAll(/"([a-z][a-z_]*(?:\.[a-z_]+)+)"/g)].map((m) => m[1]).filter(isAuditAction),
    }));
}

describe("reconcilers for every ezeep write", () => {
  it.each(EZEEP_WRITE_ACTIONS)("%s has a reconciler", (action) => {
    expect(reconcilerFor(action), `${action}: register one in lib/<feature>/reconcile.ts`).toBeTypeOf(
      "function",
    );
  });

  it("the scan finds the modules that write to ezeep", () => {
    const files = writingModules().map((m) => m.file);
    expect(files).toEqual(
      expect.arrayContaining([
        "lib/users/service.ts",
        "lib/groups/service.ts",
        "lib/organizations/partner.ts",
        "lib/provisioning/engine/memberships.ts",
      ]),
    );
  });

  it("every action a writing module records is marked as an ezeep write (or explained)", () => {
    const marked = new Set<string>(EZEEP_WRITE_ACTIONS);
    const unmarked = writingModules().flatMap(({ file, actions }) =>
      actions.filter((a) => !marked.has(a) && !NOT_EZEEP_WRITES[a]).map((a) => `${file}: ${a}`),
    );
    expect(unmarked).toEqual([]);
  });
});
