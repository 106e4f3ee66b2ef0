// Prisma CLI config for PostgreSQL (CLI only; the app uses a plain PrismaPg). Each workaround
// below is explained where it is made: the CLI runs offline on the JS engine through the adapter.
import { randomUUID } from "node:crypto";

import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const url = process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:54329/app";
const pgFactory = (connectionString: string) => new PrismaPg({ connectionString, allowExitOnIdle: true });
type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function cliAdapter(adapter: PgAdapter): PgAdapter {
  // (1) adapter-pg cannot read `name` / "char" catalog columns: read them as text.
  const performIO = adapter["performIO"].bind(adapter);
  adapter["performIO"] = async (query: unknown) => {
    const res = await performIO(query);
    for (const r of Array.isArray(res) ? res : [res])
      for (const f of r.fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
    return res;
  };
  // (2) run a migration script whole instead of splitting it on every ";".
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      adapter["onError"](e);
    }
  };
  return adapter;
}

// (3) a real shadow database, dropped afterwards (adapter-pg would replay into the main DB).
async function connectToShadowDb(): Promise<PgAdapter> {
  const main = cliAdapter(await pgFactory(url).connect());
  const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
  await main.executeScript(`CREATE DATABASE "${database}"`);
  const shadowUrl = new URL(url);
  shadowUrl.pathname = `/${database}`;
  const shadow = cliAdapter(await pgFactory(shadowUrl.toString()).connect());
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
    await main.dispose();
  };
  return shadow;
}

// (4) the WASM engine waits on a 10 s timer before exiting; do not let it hold the process.
const setTimeoutOrig = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = setTimeoutOrig(fn, ms, ...args);
  if (ms === 10_000) t.unref();
  return t;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgres/schema.prisma",
  migrations: { path: "prisma/postgres/migrations" },
  async adapter() {
    const factory = pgFactory(url);
    const connect = factory.connect.bind(factory);
    factory.connect = async () => cliAdapter(await connect());
    factory.connectToShadowDb = connectToShadowDb;
    return factory;
  },
});
