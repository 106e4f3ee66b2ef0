// CSV import: upload → dry-run preview (nothing changes) → apply in chunks (the page shows a live
// progress bar and builds a downloadable report) → re-running the same file finishes the rest,
// because every step of lib/provisioning/engine.ts first reads what exists.
//
// Columns (header row required, case-insensitive, any order): group, description, email, name.
// One row = one person in one group; a group's description is the first non-empty one given.
import type { OrgContext } from "@/lib/auth/context";
import { englishTranslator, type NamespaceTranslator } from "@/lib/i18n/english";
import { translator } from "@/lib/i18n/server";
import {
  applyProvisioning,
  planProvisioning,
  type GroupingInput,
  type Plan,
} from "@/lib/provisioning/engine";

export const CSV_MAX_BYTES = 1_000_000;
export const CSV_MAX_ROWS = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The importer's messages; English unless the caller passes the request's translator. */
type ImportsT = NamespaceTranslator<"imports">;
const ENGLISH: ImportsT = englishTranslator("imports");

/** RFC 4180: commas (or semicolons when the header has no comma), quotes, CRLF/LF. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/, 1)[0] ?? "";
  const sep = !firstLine.includes(",") && firstLine.includes(";") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export interface CsvRow {
  /** Line number in the file (header = 1). */
  line: number;
  group: string;
  description: string;
  email: string;
  name: string;
}

export interface ParsedCsv {
  rows: CsvRow[];
  invalid: { line: number; reason: string; raw: string }[];
  fileError: string | null;
}

export function readImportCsv(text: string, t: ImportsT = ENGLISH): ParsedCsv {
  if (text.length > CSV_MAX_BYTES) return { rows: [], invalid: [], fileError: t("errors.tooLarge") };
  const all = parseCsv(text);
  const header = (all[0] ?? []).map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ""),
  );
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const gi = col("group", "groupname");
  const di = col("description", "groupdescription");
  const ei = col("email", "e-mail", "mail");
  const ni = col("name", "fullname");
  if (gi < 0 || ei < 0)
    return {
      rows: [],
      invalid: [],
      fileError: t("errors.noHeader"),
    };
  if (all.length - 1 > CSV_MAX_ROWS)
    return { rows: [], invalid: [], fileError: t("errors.tooManyRows", { max: CSV_MAX_ROWS }) };
  const rows: CsvRow[] = [];
  const invalid: ParsedCsv["invalid"] = [];
  const seen = new Set<string>();
  all.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (idx: number) => (idx >= 0 ? (r[idx] ?? "").trim() : "");
    const row = { line, group: get(gi), description: get(di), email: get(ei).toLowerCase(), name: get(ni) };
    const raw = r.join(",");
    let reason = "";
    if (!row.group) reason = t("errors.groupMissing");
    else if (row.group.length > 255) reason = t("errors.groupTooLong");
    else if (row.description.length > 255) reason = t("errors.descriptionTooLong");
    else if (!row.email) reason = t("errors.emailMissing");
    else if (row.email.length > 254 || !EMAIL.test(row.email))
      reason = t("errors.notEmail", { email: row.email.slice(0, 80) });
    else if (seen.has(`${row.group}\n${row.email}`)) {
      const first = rows.find((x) => x.group === row.group && x.email === row.email)!;
      reason = t("errors.repeats", { line: first.line });
    }
    if (reason) invalid.push({ line, reason, raw: raw.slice(0, 200) });
    else {
      seen.add(`${row.group}\n${row.email}`);
      rows.push(row);
    }
  });
  return { rows, invalid, fileError: null };
}

function groupingsOf(rows: CsvRow[]): { groupings: GroupingInput[]; lines: number[][] } {
  const byName = new Map<string, { g: GroupingInput; lines: number[] }>();
  for (const r of rows) {
    const entry = byName.get(r.group) ?? { g: { name: r.group, users: [] }, lines: [] };
    if (r.description && entry.g.description === undefined) entry.g.description = r.description;
    entry.g.users.push({ ref: String(r.line), email: r.email });
    entry.lines.push(r.line);
    byName.set(r.group, entry);
  }
  const list = [...byName.values()];
  return { groupings: list.map((e) => e.g), lines: list.map((e) => e.lines) };
}

export interface ImportPreview {
  fileError: string | null;
  totalRows: number;
  groups: {
    name: string;
    action: "create" | "update" | "unchanged";
    description: string | null;
    previousDescription: string | null;
    rows: number;
  }[];
  users: { line: number; group: string; email: string; action: "add" | "member" | "invite" | "invited" }[];
  invalid: ParsedCsv["invalid"];
  counts: {
    create: number;
    update: number;
    add: number;
    member: number;
    invite: number;
    invited: number;
    invalid: number;
  };
}

/** The dry run: reads ezeep, changes nothing. */
export async function previewImport(ctx: OrgContext, csv: string): Promise<ImportPreview> {
  const parsed = readImportCsv(csv, await translator("imports"));
  const empty = {
    create: 0,
    update: 0,
    add: 0,
    member: 0,
    invite: 0,
    invited: 0,
    invalid: parsed.invalid.length,
  };
  if (parsed.fileError || parsed.rows.length === 0) {
    return {
      fileError: parsed.fileError,
      totalRows: parsed.rows.length + parsed.invalid.length,
      groups: [],
      users: [],
      invalid: parsed.invalid,
      counts: empty,
    };
  }
  const { groupings } = groupingsOf(parsed.rows);
  const plan: Plan = await planProvisioning(ctx, groupings, { readMemberships: true });
  const users = plan.users.map((u) => ({
    line: Number(u.ref),
    group: groupings[u.grouping!]!.name,
    email: u.email,
    action: (u.action === "unknown" ? "add" : u.action) as "add" | "member" | "invite" | "invited",
  }));
  users.sort((a, b) => a.line - b.line);
  const counts = { ...empty };
  for (const g of plan.groups) if (g.action !== "unchanged") counts[g.action]++;
  for (const u of users) counts[u.action]++;
  return {
    fileError: null,
    totalRows: parsed.rows.length + parsed.invalid.length,
    groups: plan.groups.map((g, i) => ({ ...g, rows: groupings[i]!.users.length })),
    users,
    invalid: parsed.invalid,
    counts,
  };
}

export interface ImportRowResult {
  line: number;
  group: string;
  email: string;
  outcome: "added" | "unchanged" | "invited" | "invitation_updated" | "failed" | "skipped";
  error: string | null;
}

/** Applies the valid rows whose position (among valid rows) is in [from, to). */
export async function applyImportChunk(
  ctx: OrgContext,
  input: { csv: string; from: number; to: number },
): Promise<{ results: ImportRowResult[]; validRows: number }> {
  const t = await translator("imports");
  const parsed = readImportCsv(input.csv, t);
  if (parsed.fileError) return { results: [], validRows: 0 };
  const chunk = parsed.rows.slice(input.from, input.to);
  if (chunk.length === 0) return { results: [], validRows: parsed.rows.length };
  const { groupings } = groupingsOf(chunk);
  const plan = await planProvisioning(ctx, groupings, { readMemberships: true });
  const applied = await applyProvisioning(ctx, plan);
  const results: ImportRowResult[] = applied.users.map((u) => ({
    line: Number(u.ref),
    group: groupings[u.grouping!]!.name,
    email: u.email,
    outcome: u.outcome,
    error:
      u.error ??
      (applied.groups[u.grouping!]!.outcome === "failed"
        ? (applied.groups[u.grouping!]!.error ?? t("errors.groupFailed"))
        : null),
  }));
  results.sort((a, b) => a.line - b.line);
  return { results, validRows: parsed.rows.length };
}
