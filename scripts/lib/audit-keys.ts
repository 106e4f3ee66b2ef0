// The audit keys for CLI scripts (audit:verify, audit:checkpoint, admin:create). They come from
// the environment; only for the demo database (DATABASE_URL unset) are they read from
// data/demo-secrets.json, where `npm run demo` / `npm run dev` generated them.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const KEYS = ["AUDIT_CHAIN_KEY", "AUDIT_CHECKPOINT_SIGNING_KEY"] as const;

export function loadAuditKeys(env: NodeJS.ProcessEnv = process.env): void {
  const file = path.join(root, "data/demo-secrets.json");
  if (env.DATABASE_URL || !existsSync(file)) return;
  let stored: Partial<Record<(typeof KEYS)[number], string>> = {};
  try {
    stored = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return;
  }
  for (const key of KEYS) if (!env[key] && stored[key]) env[key] = stored[key];
}
