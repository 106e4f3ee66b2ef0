// Random secrets for tests and the demo.
import { randomBytes } from "node:crypto";

/** URL-safe random string from `bytes` random bytes (32 bytes = 256 bits). */
export function randomSecret(bytes = 32) {
  return randomBytes(bytes).toString("base64url");
}

/** Short random id usable in database and file names ([a-z0-9]). */
export function randomId(bytes = 6) {
  return randomBytes(bytes).toString("hex");
}
