// The server-only boundary: no client component may reach, through its value imports, a module
// marked `import "server-only"` (those can reach a secret, a token or the database). Next's build
// fails on such an import too ("You're importing a component that needs server-only"), but only
// for the pages it happens to compile; this test follows every "use client" file's import graph
// so the mistake shows up in seconds, with the path that leads to it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "lib"];
const SKIP = new Set(["node_modules", "generated", "ezeep-simulator"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The module a specifier names inside the repository, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

interface ModuleFacts {
  directives: string[];
  serverOnly: boolean;
  /** Specifiers of imports and re-exports that bring values (type-only ones are erased). */
  valueImports: string[];
}

function namedBindingsAreTypes(
  bindings: ts.NamedImportBindings | ts.NamedExportBindings | undefined,
): boolean {
  if (!bindings || !ts.isNamedImports(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return true;
    const clause = statement.exportClause;
    return !!clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = statement.importClause;
  if (!clause) return false; // a side-effect import always runs
  if (clause.isTypeOnly) return true;
  return !clause.name && namedBindingsAreTypes(clause.namedBindings);
}

function readModule(file: string): ModuleFacts {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const facts: ModuleFacts = { directives: [], serverOnly: false, valueImports: [] };
  for (const statement of source.statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) {
      facts.directives.push(statement.expression.text);
      continue;
    }
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    if (specifier.text === "server-only") facts.serverOnly = true;
    else if (!isTypeOnly(statement)) facts.valueImports.push(specifier.text);
  }
  return facts;
}

const cache = new Map<string, ModuleFacts>();
function factsOf(file: string): ModuleFacts {
  if (!cache.has(file)) cache.set(file, readModule(file));
  return cache.get(file)!;
}

/**
 * The import chain from `start` to a server-only module, or null. A "use server" module ends the
 * walk: a client component that imports a server action gets a reference, not the module's code.
 */
function serverOnlyChain(start: string): string[] | null {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1];
    const facts = factsOf(file);
    if (facts.serverOnly) return chain;
    if (file !== start && facts.directives.includes("use server")) continue;
    for (const specifier of facts.valueImports) {
      const next = resolveImport(file, specifier);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push([...chain, next]);
      }
    }
  }
  return null;
}

const relative = (file: string) => path.relative(root, file);
const allFiles = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir)));
const clientComponents = allFiles.filter((file) => factsOf(file).directives.includes("use client"));

describe("server-only boundary", () => {
  it("finds the client components and the server-only modules it guards", () => {
    expect(clientComponents.length).toBeGreaterThan(20);
    const marked = allFiles.filter((file) => factsOf(file).serverOnly).map(relative);
    for (const guarded of [
      "lib/db.ts",
      "lib/crypto.ts",
      "lib/audit/service.ts",
      "lib/organizations/connections.ts",
    ])
      expect(marked).toContain(guarded);
  });

  it("no client component reaches a server-only module through its imports", () => {
    const leaks = clientComponents
      .map((file) => serverOnlyChain(file))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => chain.map(relative).join(" → "));
    expect(leaks).toEqual([]);
  });

  it("catches a client component that imports a service, and names the path", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "server-only-"));
    const component = path.join(dir, "leaky-button.tsx");
    writeFileSync(
      component,
      `"use client";\nimport type { GroupView } from "@/lib/groups/service";\nimport { listGroups } from "@/lib/groups/service";\n`,
    );
    const typeOnly = path.join(dir, "typed-button.tsx");
    writeFileSync(typeOnly, `"use client";\nimport type { GroupView } from "@/lib/groups/service";\n`);
    try {
      expect(serverOnlyChain(component)?.map(relative).slice(1)).toEqual(["lib/groups/service.ts"]);
      expect(serverOnlyChain(typeOnly)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
