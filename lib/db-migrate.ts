// Applies the migrations of the provider DATABASE_URL names (used by the demo, tests and scripts).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

import { isPostgresUrl } from "@/lib/db";
import { rawEnv } from "@/lib/env";

export function migrateDatabase(url: string, cwd = process.cwd()): void {
  const postgres = isPostgresUrl(url);
  if (!postgres) {
    const file = url.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(cwd, file)), { recursive: true });
  }
  execFileSync(
    path.join(cwd, "node_modules/.bin/prisma"),
    ["migrate", "deploy", "--config", postgres ? "prisma.postgres.config.ts" : "prisma.sqlite.config.ts"],
    {
      cwd,
      env: {
        ...rawEnv(),
        ...(postgres ? { PG_URL: url } : { SQLITE_URL: url }),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}
