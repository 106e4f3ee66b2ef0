// RS256 JWTs with node:crypto only (§1.2: header {"typ":"JWT","alg":"RS256"}).
import { generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

export interface AccessClaims {
  iss: string;
  exp: number;
  iat: number;
  scopes: string;
  sub: string;
  org: string;
  pty: string;
  jti: string;
  client_id: string;
}

let cachedKeys: { privateKey: KeyObject; publicKey: KeyObject } | null = null;

/** One key pair per process: RSA generation costs ~100 ms and tests start many simulators. */
export function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  cachedKeys ??= generateKeyPairSync("rsa", { modulusLength: 2048 });
  return cachedKeys;
}

const b64url = (buf: Buffer | string): string => Buffer.from(buf).toString("base64url");

export function signJwt(claims: AccessClaims): string {
  const header = b64url(JSON.stringify({ typ: "JWT", alg: "RS256" }));
  const payload = b64url(JSON.stringify(claims));
  const input = `${header}.${payload}`;
  const sig = sign("sha256", Buffer.from(input), keyPair().privateKey);
  return `${input}.${b64url(sig)}`;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: "invalid" | "expired" };

/**
 * Tokens whose signature was already checked: a token is sent with thousands of requests, and an
 * RSA verification each time made the in-process simulator a large share of a benchmark's CPU.
 */
const verifiedTokens = new Map<string, AccessClaims>();
const VERIFIED_TOKENS_MAX = 64;

export function verifyJwt(token: string, nowMs: number): VerifyResult {
  const known = verifiedTokens.get(token);
  if (known)
    return nowMs / 1000 >= known.exp ? { ok: false, reason: "expired" } : { ok: true, claims: known };
  const result = verifySignature(token, nowMs);
  if (result.ok) {
    if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) verifiedTokens.clear();
    verifiedTokens.set(token, result.claims);
  }
  return result;
}

function verifySignature(token: string, nowMs: number): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "invalid" };
  const [h, p, s] = parts;
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!isObj(header) || header.alg !== "RS256") return { ok: false, reason: "invalid" };
  const good = verify("sha256", Buffer.from(`${h}.${p}`), keyPair().publicKey, Buffer.from(s, "base64url"));
  if (!good || !isClaims(claims)) return { ok: false, reason: "invalid" };
  if (nowMs / 1000 >= claims.exp) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function isClaims(v: unknown): v is AccessClaims {
  return (
    isObj(v) &&
    typeof v.exp === "number" &&
    typeof v.iat === "number" &&
    typeof v.org === "string" &&
    typeof v.sub === "string" &&
    typeof v.jti === "string" &&
    typeof v.client_id === "string"
  );
}
