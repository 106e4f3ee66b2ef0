// Signed checkpoints (issue 11): `audit:checkpoint` signs every chain's head; verifying against it
// proves the log still extends it, so a rewrite is exposed even when made WITH the chain key.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import {
  compareWithCheckpoint,
  createCheckpoint,
  newSigningKeyPair,
  parseCheckpoint,
  signingKey,
  verificationKey,
} from "@/lib/audit/checkpoint";
import { pruneChain } from "@/lib/audit/retention";
import { verifyChain } from "@/lib/audit/verify";
import type { OrgContext } from "@/lib/auth/context";
import {
  auditedChange,
  auditEvent,
  chainRows,
  freshChainOrganization,
  realChainKey,
  relinkChain,
  tamper,
} from "@/tests/helpers/audit-tamper";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";

const keyPair = newSigningKeyPair();
const cpEnv = { AUDIT_CHECKPOINT_SIGNING_KEY: keyPair.signingKey } as unknown as NodeJS.ProcessEnv;

let owner: OrgContext;
let key: string;

async function freshOrganization(): Promise<void> {
  ({ owner, key } = await freshChainOrganization(owner, "cp", "Checkpoint Org"));
}
const event = (action: `test.${string}`) => auditEvent(owner, action);
const change = (action: `test.${string}`) => auditedChange(owner, action);
const rowsOf = () => chainRows(owner);

describe("signed audit checkpoints", () => {
  beforeAll(async () => {
    owner = await contextFor(await portalOrganization(`cp-base-${Date.now()}`), "owner");
  });

  it("a signed checkpoint taken before a rewrite makes verification fail, even if the rewrite used the key", async () => {
    await freshOrganization();
    for (let i = 0; i < 3; i++) await change(`test.cp.${i}`);
    const checkpoint = await createCheckpoint(signingKey(cpEnv));
    const mine = checkpoint.chains.find((c) => c.chain === key)!;
    expect(mine).toMatchObject({ count: 6 });
    expect(mine.entryId).not.toBeNull();

    // The file round-trips and the log still extends it, also after more entries.
    const text = JSON.stringify(checkpoint);
    const parsed = parseCheckpoint(text, verificationKey(cpEnv));
    await event("test.cp.later");
    expect((await compareWithCheckpoint(parsed)).find((f) => f.chain === key)).toMatchObject({
      status: "extends",
    });

    // A forged or altered checkpoint is refused.
    const altered = text.replace(`"count":6`, `"count":5`);
    expect(() => parseCheckpoint(altered, verificationKey(cpEnv))).toThrow(/signature/);
    expect(() =>
      parseCheckpoint(
        text,
        verificationKey({
          AUDIT_CHECKPOINT_PUBLIC_KEY: newSigningKeyPair().publicKey,
        } as unknown as NodeJS.ProcessEnv),
      ),
    ).toThrow(/signature/);

    // Rewrite an entry inside the checkpointed part with the real key: the chain verifies …
    const victim = (await rowsOf()).find((r) => r.action === "test.cp.1")!;
    await tamper(`UPDATE "AuditEntry" SET "targetLabel" = 'Innocent' WHERE "id" = ${victim.id}`);
    await relinkChain(owner.organization.id, realChainKey());
    expect((await verifyChain(key)).intact).toBe(true);
    // … but no longer extends the checkpoint.
    const finding = (await compareWithCheckpoint(parsed)).find((f) => f.chain === key)!;
    expect(finding).toMatchObject({ status: "rewritten" });
    expect(finding.message).toMatch(/#6/);
  });

  it("reports a checkpoint whose head retention has since removed as pruned (not rewritten), and one at the retention point as extended", async () => {
    await freshOrganization();
    await change("test.old");
    const before = await createCheckpoint(signingKey(cpEnv));
    await event("test.old.2");
    const atPrune = await createCheckpoint(signingKey(cpEnv));
    await new Promise((r) => setTimeout(r, 20));
    const cutoff = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await event("test.new");
    expect(await pruneChain(key, cutoff)).toMatchObject({ deleted: 2, checkpointSeq: 3 });
    expect((await compareWithCheckpoint(before)).find((f) => f.chain === key)).toMatchObject({
      status: "pruned",
    });
    expect((await compareWithCheckpoint(atPrune)).find((f) => f.chain === key)).toMatchObject({
      status: "extends",
    });
    expect((await verifyChain(key)).intact).toBe(true);
  });

  it("npm run audit:checkpoint writes a signed file; audit:verify --checkpoint fails once the log was rewritten", async () => {
    await freshOrganization();
    await change("test.cli.0");
    await event("test.cli.1");
    const dir = mkdtempSync(path.join(os.tmpdir(), "audit-cp-"));
    const file = path.join(dir, "checkpoint.json");
    const env = { ...process.env, ...cpEnv };
    const run = (script: string, args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", script, ...args], {
            env,
            encoding: "utf8",
          }),
        };
      } catch (err) {
        const e = err as { status: number; stdout: string; stderr: string };
        return { code: e.status, out: `${e.stdout}${e.stderr}` };
      }
    };
    expect(run("scripts/audit-checkpoint.ts", ["--out", file]).code).toBe(0);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.chains.find((c: { chain: string }) => c.chain === key)).toMatchObject({ count: 3 });
    expect(written.signature).toMatch(/^[A-Za-z0-9+/=]{80,}$/);
    const ok = run("scripts/audit-verify.ts", ["--checkpoint", file]);
    expect(ok.out).toMatch(new RegExp(`${key}: extends`));
    expect(ok.code).toBe(0);

    const victim = (await rowsOf()).find((r) => r.action === "test.cli.0")!;
    await tamper(`UPDATE "AuditEntry" SET "actorLabel" = 'someone else' WHERE "id" = ${victim.id}`);
    await relinkChain(owner.organization.id, realChainKey());
    const failed = run("scripts/audit-verify.ts", ["--checkpoint", file]);
    expect(failed.out).toMatch(new RegExp(`${key}: REWRITTEN`));
    expect(failed.code).toBe(1);

    writeFileSync(file, readFileSync(file, "utf8").replace(/"count": 3/, '"count": 2'));
    const forged = run("scripts/audit-verify.ts", ["--checkpoint", file]);
    expect(forged.out).toMatch(/signature does not verify/);
    expect(forged.code).toBe(2);
  });
});
