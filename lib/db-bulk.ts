// Writing many rows with different values in few statements. Prisma compiles every `update` it is
// given, which cost about a millisecond of CPU per row: linking 4,500 NDD identities took seconds
// (`npm run bench`). These helpers send a few hundred rows per statement instead, in SQL that
// reads the same on SQLite (≥ 3.33, UPDATE … FROM) and PostgreSQL.
import "server-only";

import { chunk } from "@/lib/concurrency";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";

/** A client or a transaction's client. */
type RawClient = Pick<Db, "$executeRaw">;

/** Rows per statement: well below both databases' limits on bound values. */
const ROWS_PER_STATEMENT = 300;

const quoted = (name: string) => {
  // Names come from the caller's code, never from input; refuse anything but a plain identifier.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a column or table name: ${name}`);
  return Prisma.raw(`"${name}"`);
};

/** Column types a bulk update binds: both databases cast a bound value to these. */
export type BulkType = "text" | "int";

const SQL_TYPE: Record<BulkType, string> = { text: "TEXT", int: "INTEGER" };

export interface BulkUpdate<C extends string> {
  table: string;
  /** The type of the table's `id` column. */
  idType: BulkType;
  /** The columns that differ per row, with their types. */
  columns: Record<C, BulkType>;
  rows: readonly { id: string | number; values: Record<C, string | number | null> }[];
  /** Columns set to one value for all rows (Prisma's `@updatedAt` is not automatic here: pass it). */
  shared?: Record<string, string | number | boolean | Date | null>;
}

/** Sets each row's (by `id`) own values and the shared ones, a few hundred rows per statement. */
export async function updateById<C extends string>(client: RawClient, update: BulkUpdate<C>): Promise<void> {
  const names = Object.keys(update.columns) as C[];
  const typed = (value: string | number | null, type: BulkType) =>
    // Cast for PostgreSQL, which cannot infer a bound value's type inside VALUES.
    Prisma.sql`CAST(${value} AS ${Prisma.raw(SQL_TYPE[type])})`;
  const sets = [
    // VALUES columns are named column1, column2 … by both databases; column1 is the id.
    ...names.map((c, i) => Prisma.sql`${quoted(c)} = v.${Prisma.raw(`column${i + 2}`)}`),
    ...Object.entries(update.shared ?? {}).map(([c, value]) => Prisma.sql`${quoted(c)} = ${value}`),
  ];
  const table = quoted(update.table);
  for (const part of chunk(update.rows, ROWS_PER_STATEMENT)) {
    const values = part.map(
      (r) =>
        Prisma.sql`(${Prisma.join([
          typed(r.id, update.idType),
          ...names.map((c) => typed(r.values[c], update.columns[c])),
        ])})`,
    );
    await client.$executeRaw`UPDATE ${table} SET ${Prisma.join(sets)}
      FROM (VALUES ${Prisma.join(values)}) AS v
      WHERE ${table}."id" = v.column1`;
  }
}

/** Bound values per INSERT: below the 999 that SQLite builds of old allow, on both databases. */
const VALUES_PER_INSERT = 900;

export type BulkValue = string | number | boolean | Date | null;

/** One INSERT per part of `rows` (as many rows as fit), without its end. */
function insertStatements(table: string, rows: readonly Record<string, BulkValue>[]): Prisma.Sql[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(VALUES_PER_INSERT / columns.length));
  const names = Prisma.join(columns.map(quoted));
  return chunk(rows, perStatement).map((part) => {
    const values = part.map((r) => Prisma.sql`(${Prisma.join(columns.map((c) => r[c] ?? null))})`);
    return Prisma.sql`INSERT INTO ${quoted(table)} (${names}) VALUES ${Prisma.join(values)}`;
  });
}

/**
 * Inserts rows (each with the same columns, ids included: Prisma's `@default(cuid())` and
 * `@updatedAt` are not applied here), as many per statement as fit. Prisma's createMany compiled
 * each part anew: 4,500 NDD identities cost about a second of CPU, these statements a few ms.
 * Throws like any INSERT (a unique conflict included): run it in a transaction to get all or none.
 */
export async function insertRows(
  client: RawClient,
  table: string,
  rows: readonly Record<string, BulkValue>[],
): Promise<void> {
  for (const statement of insertStatements(table, rows)) await client.$executeRaw`${statement}`;
}

/** insertRows, answering the `returning` columns of every row written (in no set order). */
export async function insertReturning<R extends string>(
  client: Pick<Db, "$queryRaw">,
  table: string,
  rows: readonly Record<string, BulkValue>[],
  returning: readonly R[],
): Promise<Record<R, unknown>[]> {
  const out: Record<R, unknown>[] = [];
  const columns = Prisma.join(returning.map(quoted));
  for (const statement of insertStatements(table, rows))
    out.push(...(await client.$queryRaw<Record<R, unknown>[]>`${statement} RETURNING ${columns}`));
  return out;
}
