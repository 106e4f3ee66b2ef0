// Raw-HTTP helpers for the simulator contract tests (no ezeep client: these pin the wire format).
import { afterAll, beforeAll } from "vitest";

import {
  startSimulator,
  type Simulator,
  type SimulatorClient,
  type SimulatorOptions,
} from "@/lib/ezeep-simulator";

export type Json = Record<string, unknown>;

export interface Res<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

/** POST form to the token endpoint (§1.2). */
export async function tokenRequest(
  sim: Simulator,
  form: Record<string, string>,
  client: SimulatorClient | null = sim.clients[0],
): Promise<Res<Json>> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (client) headers.authorization = basic(client.clientId, client.clientSecret);
  const r = await fetch(`${sim.accountUrl}/oauth/access_token/`, {
    method: "POST",
    headers,
    body: new URLSearchParams(form),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Json) : {}, text, headers: r.headers };
}

export async function ccToken(
  sim: Simulator,
  client: SimulatorClient = sim.clients[0],
  extra: Record<string, string> = {},
): Promise<string> {
  const r = await tokenRequest(
    sim,
    { grant_type: "client_credentials", scope: "printing", ...extra },
    client,
  );
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
  return r.body.access_token as string;
}

/** JSON call against either host; `url` is absolute or a path on the host chosen by prefix. */
export async function call<T = Json>(
  sim: Simulator,
  token: string | null,
  method: string,
  url: string,
  body?: unknown,
): Promise<Res<T>> {
  const base = url.startsWith("/printing/") ? sim.apiUrl : sim.accountUrl;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await fetch(url.startsWith("http") ? url : base + url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: r.status, body: parsed as T, text, headers: r.headers };
}

/** Starts one simulator for the file and hands out a fresh client-credentials token. */
export function useSim(opts: SimulatorOptions = {}): { sim: () => Simulator; token: () => string } {
  let sim: Simulator | undefined;
  let token = "";
  beforeAll(async () => {
    sim = await startSimulator(opts);
    token = await ccToken(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return {
    sim: () => {
      if (!sim) throw new Error("simulator not started");
      return sim;
    },
    token: () => token,
  };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 19);
}

/** Authorization-code flow via the simulator's auto-approve flag; returns the code. */
export async function authCode(
  sim: Simulator,
  params: Record<string, string>,
  client: SimulatorClient = sim.clients[0],
): Promise<string> {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: client.redirectUris?.[0] ?? "",
    scope: "printing",
    auto: "1",
    ...params,
  });
  const r = await fetch(`${sim.accountUrl}/oauth/authorize/?${q}`, { redirect: "manual" });
  if (r.status !== 302) throw new Error(`authorize answered ${r.status}: ${await r.text()}`);
  const loc = new URL(r.headers.get("location") ?? "");
  const code = loc.searchParams.get("code");
  if (!code) throw new Error(`no code in ${loc.toString()}`);
  return code;
}
