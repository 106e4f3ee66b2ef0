// Writing many rows with different values in few statements. Prisma compiles every `update` it is
// given, which cost about a millisecond of CPU per row: linking 4,500 NDD identities took seconds
// (`npm run bench`). These helpers send a few hundred rows per statement instead, in SQL that
// reads the same on SQLite (≥ 3.33, UPDATE … FROM) and PostgreSQL.
import "server-only";

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

export interface RowTexts {
  id: string;
  /** One text (or null) per column of `columns`, in that order. */
  texts: (string | null)[];
}

/**
 * Sets, for each row (by its `id`), the text columns `columns` to that row's values and the
 * columns of `shared` to one value for all rows (Prisma's `@updatedAt` is not automatic here:
 * pass it in `shared`).
 */
export async function updateTextsById(
  client: RawClient,
  table: string,
  columns: readonly string[],
  rows: readonly RowTexts[],
  shared: Record<string, string | number | boolean | Date | null> = {},
): Promise<void> {
  const sets = [
    // VALUES columns are named column1, column2 … by both databases; column1 is the id.
    ...columns.map((c, i) => Prisma.sql`${quoted(c)} = v.${Prisma.raw(`column${i + 2}`)}`),
    ...Object.entries(shared).map(([c, value]) => Prisma.sql`${quoted(c)} = ${value}`),
  ];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map(
      // Typed as text for PostgreSQL, which cannot infer a bound value's type inside VALUES.
      (r) =>
        Prisma.sql`(CAST(${r.id} AS TEXT), ${Prisma.join(r.texts.map((t) => Prisma.sql`CAST(${t} AS TEXT)`))})`,
    );
    await client.$executeRaw`UPDATE ${quoted(table)} SET ${Prisma.join(sets)}
      FROM (VALUES ${Prisma.join(values)}) AS v
      WHERE ${quoted(table)}."id" = v.column1`;
  }
}
