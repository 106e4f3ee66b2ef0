// Stateful local ezeep simulator: two node:http listeners (account host, printing host) sharing
// one state. Interface: ./types.ts and ./README.md. API facts: docs/ezeep.md.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";

import { DEFAULT_BEHAVIOUR, validateBehaviour } from "./behaviour";
import { controlHandler } from "./control";
import { addFault } from "./faults";
import { HttpError } from "./http";
import { keyPair } from "./jwt";
import { oauthRoutes } from "./oauth";
import { accountRoutes } from "./routes/account";
import { deviceRoutes } from "./routes/devices";
import { partnerRoutes } from "./routes/partner";
import { printingRoutes } from "./routes/printing";
import { emptyStats, type Runtime } from "./runtime";
import { applySeed } from "./seed";
import { compile, createDispatcher } from "./server";
import { SimState } from "./state";
import type { AccountUser, Group, Simulator, SimulatorClient, SimulatorOptions } from "./types";

export type * from "./types";
export { DEFAULT_BEHAVIOUR } from "./behaviour";

export const DEFAULT_REDIRECT_URIS = ["http://localhost:3000/code", "http://127.0.0.1:3000/code"];

export function generateClient(): SimulatorClient {
  return {
    clientId: randomBytes(20).toString("hex"),
    clientSecret: randomBytes(48).toString("base64url"),
    organizationIds: [],
    // The default client is a partner client so the demo can manage organizations (§1.8).
    partner: true,
    redirectUris: [...DEFAULT_REDIRECT_URIS],
  };
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const addr = server.address();
      if (!addr || typeof addr === "string") return reject(new Error("no address"));
      const h = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
      resolve(`http://${h}:${addr.port}`);
    });
  });
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? "127.0.0.1";
  const clients = copyClients(opts.clients ?? [generateClient()]);
  keyPair(); // generate the RSA key up front rather than on the first token request

  const state = new SimState(clients);
  applySeed(state, opts.seed ?? "demo");
  const rt = createRuntime(state, opts);
  const net: Network = { timers: new Set(), sockets: new Set(), servers: [] };
  const sim = simulatorFor(rt, clients, opts, () => closeNetwork(net));
  const [accountServer, apiServer] = (net.servers = createServers(rt, sim, net));
  try {
    rt.accountUrl = sim.accountUrl = await listen(accountServer, host, opts.accountPort ?? 0);
    rt.apiUrl = sim.apiUrl = await listen(apiServer, host, opts.apiPort ?? 0);
  } catch (e) {
    accountServer.close();
    apiServer.close();
    throw e;
  }
  return sim;
}

/** Copies, so the caller's objects are not mutated; clients without orgs get the seeded one. */
function copyClients(clients: SimulatorClient[]): SimulatorClient[] {
  return clients.map((c) => ({
    ...c,
    organizationIds: [...c.organizationIds],
    redirectUris: c.redirectUris ? [...c.redirectUris] : [...DEFAULT_REDIRECT_URIS],
  }));
}

function createRuntime(state: SimState, opts: SimulatorOptions): Runtime {
  return {
    state,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    latencyMs: opts.latencyMs ?? 0,
    faults: [],
    stats: emptyStats(),
    inFlight: 0,
    accountUrl: "",
    apiUrl: "",
    behaviour: { ...DEFAULT_BEHAVIOUR, ...validateBehaviour(opts.behaviour ?? {}) },
  };
}

type AzureGroupInput = Parameters<Simulator["addAzureGroups"]>[1][number];
type InviteeProfile = Parameters<Simulator["acceptInvitation"]>[1];

/** The two listeners, their pending timers and open sockets (closed together by `close`). */
interface Network {
  timers: Set<NodeJS.Timeout>;
  sockets: Set<Socket>;
  servers: Server[];
}

/** The account host (OAuth, account, partner routes) and the printing host, both serving /__sim/*. */
function createServers(rt: Runtime, sim: Simulator, net: Network): [Server, Server] {
  const control = controlHandler(sim);
  const { timers } = net;
  const accountRoutesCompiled = compile([...oauthRoutes(), ...accountRoutes(), ...partnerRoutes()]);
  const apiRoutesCompiled = compile([...printingRoutes(), ...deviceRoutes()]);
  const accountServer = createServer(
    createDispatcher({ rt, host: "account", routes: accountRoutesCompiled, control, timers }),
  );
  const apiServer = createServer(
    createDispatcher({ rt, host: "api", routes: apiRoutesCompiled, control, timers }),
  );
  for (const s of [accountServer, apiServer]) {
    s.on("connection", (sock: Socket) => {
      net.sockets.add(sock);
      sock.on("close", () => net.sockets.delete(sock));
    });
  }
  return [accountServer, apiServer];
}

async function closeNetwork(net: Network): Promise<void> {
  for (const t of net.timers) clearTimeout(t);
  net.timers.clear();
  const closing = net.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
  for (const s of net.sockets) s.destroy();
  for (const s of net.servers) s.closeAllConnections();
  await Promise.all(closing);
}

/** The control surface handed to tests and the demo (types.ts `Simulator`). */
function simulatorFor(
  rt: Runtime,
  clients: SimulatorClient[],
  opts: SimulatorOptions,
  close: () => Promise<void>,
): Simulator {
  const { state } = rt;
  const sim: Simulator = {
    accountUrl: "",
    apiUrl: "",
    clients,
    organizationId: state.primaryOrgId,
    faults: {
      add: (rule) => addFault(rt, rule),
      clear: () => {
        rt.faults.length = 0;
      },
    },
    setLatency: (ms) => {
      rt.latencyMs = Math.max(0, ms);
    },
    behaviour: () => ({ ...rt.behaviour }),
    setBehaviour: (change) => {
      rt.behaviour = { ...rt.behaviour, ...validateBehaviour(change) };
      return { ...rt.behaviour };
    },
    stats: () => structuredClone(rt.stats),
    resetStats: () => {
      rt.stats = emptyStats();
      rt.stats.inFlightMax = rt.inFlight;
    },
    reset: (seed) => {
      sim.organizationId = applySeed(state, seed ?? opts.seed ?? "demo");
      rt.faults.length = 0;
    },
    addAzureGroups: (orgId, groups) => addAzureGroups(state, orgId, groups),
    acceptInvitation: (invitationId, profile) => acceptInvitation(state, invitationId, profile),
    expireAllTokens: () => {
      state.activeJtis.clear();
    },
    close,
  };
  return sim;
}

function addAzureGroups(state: SimState, orgId: string, groups: AzureGroupInput[]): Group[] {
  const org = state.orgs.get(orgId);
  if (!org) throw new HttpError(404, { detail: `Unknown organization ${orgId}.` });
  return groups.map((g) => {
    const foreign = g.foreignId ?? randomUUID();
    // Re-importing the same Azure group updates it instead of duplicating it.
    const existing = [...org.groups.values()].find(
      (x) => x.origin.provider === "Azure" && x.origin.foreign_id === foreign,
    );
    if (existing) {
      existing.name = g.name;
      if (g.description !== undefined) existing.description = g.description;
      return state.toGroup(existing);
    }
    const created = state.addGroup(org, {
      name: g.name,
      description: g.description ?? "",
      origin: { provider: "Azure", foreign_id: foreign },
    });
    return state.toGroup(created);
  });
}

function acceptInvitation(state: SimState, invitationId: string, profile: InviteeProfile): AccountUser {
  const found = state.findInvitationAnywhere(invitationId);
  if (!found) throw new HttpError(404, { detail: `Unknown invitation ${invitationId}.` });
  const status = state.invitationStatus(found.inv);
  if (status !== "OPEN") throw new HttpError(400, { detail: `Invitation is ${status}, not OPEN.` });
  const user = state.acceptInvitation(found.org, found.inv, profile);
  return state.toAccountUser(found.org, user);
}
