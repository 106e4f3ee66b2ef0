import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // "server-only" throws outside React Server Components; tests import server modules directly.
  resolve: { alias: { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One migrated template database per run; each test file gets its own copy (tests/setup/).
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/db-per-file.ts"],
  },
});
