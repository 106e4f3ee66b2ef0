// Finds every custom zod message in lib/ with the TypeScript compiler API, so the validation
// catalogue (lib/i18n/messages/<locale>/validation.json) can be checked against the schemas:
// string literals and templates passed to zod methods (`.min(1, "…")`, `.refine(fn, "…")`) or
// set as `message:` / `error:` in files that import zod. A template with substitutions
// (`Use at most ${MAX} characters.`) is reported as a pattern whose substitutions match any
// placeholder of the catalogue's English text ("Use at most {max} characters.").
import fs from "node:fs";
import path from "node:path";

import ts from "typescript";

export interface SchemaMessage {
  /** The English text; for a template, its parts joined by SLOT. */
  text: string;
  /** Whether the text has substitutions (then SLOT marks each one). */
  template: boolean;
  /** file:line, for the failure message. */
  where: string;
}

/** Marks a template substitution in SchemaMessage.text. */
export const SLOT = "\u0000";

/**
 * Modules whose zod messages never reach an admin in a page: the server's own configuration
 * (read at start-up, for operators) and ezeep's responses (a broken response is a server error).
 */
const NOT_USER_FACING = [
  /^lib\/env\.ts$/,
  /^lib\/ezeep\//,
  /^lib\/ezeep-simulator\//,
  /^lib\/generated\//,
  // The NDD Orbix provisioning API answers a machine client, in English like its field names.
  /^lib\/provisioning\/ndd\/(http|users|groups-users|groups-sync)\.ts$/,
];

/** zod calls whose first argument may be the message (`.email("…")`, `z.string("…")`). */
const MESSAGE_FIRST = new Set([
  "email",
  "url",
  "uuid",
  "int",
  "positive",
  "negative",
  "nonnegative",
  "nonpositive",
  "nonempty",
  "string",
  "number",
  "boolean",
  "bigint",
  "date",
  "datetime",
  "custom",
  "array",
  "object",
]);
/** zod calls whose first argument is a value and whose later arguments may be the message. */
const MESSAGE_LATER = new Set([
  "min",
  "max",
  "length",
  "gt",
  "gte",
  "lt",
  "lte",
  "multipleOf",
  "regex",
  "startsWith",
  "endsWith",
  "includes",
  "refine",
  "enum",
  "literal",
  "record",
  "tuple",
  "union",
]);

function importsZod(source: ts.SourceFile): boolean {
  return source.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      (s.moduleSpecifier.text === "zod" || s.moduleSpecifier.text.startsWith("zod/")),
  );
}

function textOf(node: ts.Node): { text: string; template: boolean } | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return { text: node.text, template: false };
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    return { text: parts.join(SLOT), template: true };
  }
  return null;
}

/** The method name of a zod builder call (`x.min(…)`, `z.string(…)`, `ctx.addIssue(…)`), else null. */
function zodMethod(node: ts.Node): string | null {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return null;
  const name = node.expression.name.text;
  return MESSAGE_FIRST.has(name) || MESSAGE_LATER.has(name) || name === "addIssue" ? name : null;
}

/** Whether an object literal is an argument of a zod call (its `message`/`error` is a message). */
function isZodParams(node: ts.ObjectLiteralExpression): boolean {
  return zodMethod(node.parent) !== null;
}

function messagesIn(source: ts.SourceFile, relative: string): SchemaMessage[] {
  const found: SchemaMessage[] = [];
  const add = (node: ts.Node) => {
    const text = textOf(node);
    if (!text || text.text.trim() === "") return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ ...text, where: `${relative}:${line}` });
  };
  const visit = (node: ts.Node) => {
    // .min(1, "…"), .refine(fn, "…"), .max(MAX, `… ${MAX} …`), .email("…").
    const method = zodMethod(node);
    if (method && ts.isCallExpression(node))
      node.arguments.slice(MESSAGE_FIRST.has(method) ? 0 : 1).forEach(add);
    // { message: "…" }, { error: "…" } of a zod call's params (and ctx.addIssue).
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      (node.name.text === "message" || node.name.text === "error") &&
      ts.isObjectLiteralExpression(node.parent) &&
      isZodParams(node.parent)
    )
      add(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every custom zod message of lib/ (user-facing modules only), in file order. */
export function extractValidationMessages(root: string): SchemaMessage[] {
  return tsFiles(path.join(root, "lib")).flatMap((file) => {
    const relative = path.relative(root, file).split(path.sep).join("/");
    if (NOT_USER_FACING.some((pattern) => pattern.test(relative))) return [];
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    return importsZod(source) ? messagesIn(source, relative) : [];
  });
}

const PLACEHOLDER = /\{\w+\}/g;

/** Whether a catalogue text (with {placeholders}) stands for a schema message. */
function catalogues(text: string, message: SchemaMessage): boolean {
  if (message.template) return text.replace(PLACEHOLDER, SLOT) === message.text;
  if (text === message.text) return true;
  const escaped = text.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return escaped.length > 1 && new RegExp(`^${escaped.join(".+?")}$`).test(message.text);
}

/** The schema messages no English catalogue text stands for. */
export function uncatalogued(messages: SchemaMessage[], englishTexts: string[]): SchemaMessage[] {
  return messages.filter((message) => !englishTexts.some((text) => catalogues(text, message)));
}
