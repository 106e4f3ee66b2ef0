// Runs the ezeep simulator CLI (lib/ezeep-simulator/cli.ts) as a child process and waits for the
// one JSON line it prints when ready: {"accountUrl","apiUrl","clientId","clientSecret","organizationId"}.
import { spawn } from "node:child_process";
import path from "node:path";

import { freePort } from "./ports.mjs";

export async function startSimulatorProcess({
  cwd = process.cwd(),
  seed = "demo",
  clientId,
  clientSecret,
  accountPort,
  apiPort,
  timeoutMs = 60_000,
  onOutput = (chunk) => process.stderr.write(chunk),
} = {}) {
  accountPort ??= await freePort();
  apiPort ??= await freePort();
  // `node --import tsx` (not the tsx wrapper) so the pid we hold is the simulator itself.
  const args = [
    "--import",
    "tsx",
    path.join(cwd, "lib/ezeep-simulator/cli.ts"),
    "--seed",
    seed,
    "--account-port",
    String(accountPort),
    "--api-port",
    String(apiPort),
  ];
  if (clientId && clientSecret) args.push("--client-id", clientId, "--client-secret", clientSecret);
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let muted = false; // nothing from the simulator after we asked it to stop
  child.stderr.on("data", (chunk) => {
    if (!muted) onOutput(chunk);
  });

  let exited = false;
  const stop = () => {
    muted = true;
    if (exited || child.exitCode !== null || child.signalCode !== null) return;
    exited = true;
    try {
      child.kill("SIGTERM");
    } catch {
      /* gone */
    }
  };

  const info = await new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the simulator did not report ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith("{")) {
          if (line) onOutput(`[simulator] ${line}\n`);
          continue;
        }
        try {
          const parsed = JSON.parse(line);
          if (parsed.accountUrl && parsed.apiUrl) {
            clearTimeout(timer);
            child.stdout.off("data", onData);
            child.stdout.on("data", (c) => {
              if (!muted) onOutput(c);
            });
            resolve(parsed);
            return;
          }
        } catch {
          /* not our line */
        }
      }
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", onData);
    child.once("exit", (code, signal) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`the simulator exited before it was ready (code ${code}, signal ${signal})`));
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });

  return { ...info, pid: child.pid, child, stop };
}
