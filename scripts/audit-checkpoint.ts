// npm run audit:checkpoint [-- --out FILE]   verifies every audit chain in DATABASE_URL, then
//   writes a signed checkpoint of their heads (id, hash, count, time, Ed25519 signature) to FILE
//   or stdout. Keep it where the portal cannot write; `npm run audit:verify -- --checkpoint FILE`
//   later proves the log still extends it.
// npm run audit:checkpoint -- --new-key       prints a new Ed25519 key pair for
//   AUDIT_CHECKPOINT_SIGNING_KEY / AUDIT_CHECKPOINT_PUBLIC_KEY.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { loadAuditKeys } from "./lib/audit-keys";

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" }, "new-key": { type: "boolean" } } });
  const { createCheckpoint, newSigningKeyPair, signingKey } = await import("@/lib/audit/checkpoint");
  if (values["new-key"]) {
    const pair = newSigningKeyPair();
    console.log(
      `AUDIT_CHECKPOINT_SIGNING_KEY=${pair.signingKey}\nAUDIT_CHECKPOINT_PUBLIC_KEY=${pair.publicKey}`,
    );
    return 0;
  }
  loadAuditKeys();
  const { db } = await import("@/lib/db");
  try {
    const checkpoint = await createCheckpoint(signingKey());
    const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      const links = checkpoint.chains.reduce((n, c) => n + c.count, 0);
      console.error(
        `checkpoint of ${checkpoint.chains.length} chains (${links} links) written to ${values.out}`,
      );
    } else process.stdout.write(text);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
