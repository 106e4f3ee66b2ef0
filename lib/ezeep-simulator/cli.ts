// npx tsx lib/ezeep-simulator/cli.ts [--host H] [--account-port N] [--api-port N]
//   [--seed demo|empty|large|<users>] [--client-id X --client-secret Y] [--latency-ms N] [--token-ttl N]
// Prints one JSON line when ready: {"accountUrl","apiUrl","clientId","clientSecret","organizationId"}.
import { DEFAULT_REDIRECT_URIS, startSimulator, type SeedSpec, type SimulatorClient } from "./index";

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new Error(`missing value for ${a}`);
      out.set(a.slice(2), v);
      i++;
    }
  }
  return out;
}

function seedOf(v: string | undefined): SeedSpec {
  if (v === undefined || v === "demo") return "demo";
  if (v === "empty") return "empty";
  if (v === "large") return { users: 10_000 };
  if (/^\d+$/.test(v)) return { users: Number(v) };
  throw new Error(`--seed must be demo, empty, large or a user count (got ${v})`);
}

function port(v: string | undefined, name: string): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number`);
  return n;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const id = args.get("client-id");
  const secret = args.get("client-secret");
  if ((id === undefined) !== (secret === undefined))
    throw new Error("--client-id and --client-secret go together");
  const clients: SimulatorClient[] | undefined =
    id !== undefined && secret !== undefined
      ? [
          {
            clientId: id,
            clientSecret: secret,
            organizationIds: [],
            partner: true,
            redirectUris: [...DEFAULT_REDIRECT_URIS],
          },
        ]
      : undefined;
  const sim = await startSimulator({
    host: args.get("host") ?? "127.0.0.1",
    accountPort: port(args.get("account-port"), "--account-port"),
    apiPort: port(args.get("api-port"), "--api-port"),
    seed: seedOf(args.get("seed")),
    clients,
    latencyMs: args.has("latency-ms") ? Number(args.get("latency-ms")) : undefined,
    tokenTtlSeconds: args.has("token-ttl") ? Number(args.get("token-ttl")) : undefined,
  });
  const c = sim.clients[0];
  process.stdout.write(
    `${JSON.stringify({ accountUrl: sim.accountUrl, apiUrl: sim.apiUrl, clientId: c.clientId, clientSecret: c.clientSecret, organizationId: sim.organizationId })}\n`,
  );
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`[ezeep-simulator] ${signal}, closing\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((e: unknown) => {
  process.stderr.write(`[ezeep-simulator] ${(e as Error).message}\n`);
  process.exit(1);
});
