// Encryption of secrets the portal stores (ezeep refresh tokens, the pending OAuth state cookie):
// AES-256-GCM with a 32-byte key from PORTAL_ENCRYPTION_KEY (base64). The ciphertext carries the
// key version, a random 96-bit IV and the authentication tag: `v1.<iv>.<tag>.<ciphertext>`
// (base64url). Decryption fails loudly on any tampering or a wrong key.
import "server-only";

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";

export const KEY_VERSION = 1;

function keyFrom(raw = env().PORTAL_ENCRYPTION_KEY): Buffer {
  if (!raw) {
    throw new UserFacingError(
      "The portal has no encryption key. Set PORTAL_ENCRYPTION_KEY (32 random bytes, base64: openssl rand -base64 32) on the server.",
    );
  }
  const key = Buffer.from(raw, "base64");
  if (key.length !== 32) {
    throw new UserFacingError(
      "PORTAL_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).",
    );
  }
  return key;
}

/** Whether a usable key is configured (for pages that explain what is missing). */
export function hasEncryptionKey(): boolean {
  try {
    keyFrom();
    return true;
  } catch {
    return false;
  }
}

export function encryptSecret(plaintext: string, aad = ""): string {
  const key = keyFrom();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (aad) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    `v${KEY_VERSION}`,
    iv.toString("base64url"),
    tag.toString("base64url"),
    ct.toString("base64url"),
  ].join(".");
}

/** The plaintext, or throws when the value was tampered with, the key differs or `aad` differs. */
export function decryptSecret(value: string, aad = ""): string {
  const [version, iv, tag, ct] = value.split(".");
  if (version !== `v${KEY_VERSION}` || !iv || !tag || ct === undefined)
    throw new Error("encrypted value: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(), Buffer.from(iv, "base64url"));
  if (aad) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
