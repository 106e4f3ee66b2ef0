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
  // muted: nothing from the simulator after we asked it to stop
  const state = { muted: false, exited: false };
  child.stderr.on("data", (chunk) => {
    if (!state.muted) onOutput(chunk);
  });
  const stop = () => {
    state.muted = true;
    if (state.exited || child.exitCode !== null || child.signalCode !== null) return;
    state.exited = true;
    try {
      child.kill("SIGTERM");
    } catch {
      /* gone */
    }
  };
  const info = await readyInfo(child, { timeoutMs, onOutput, stop, state });
  return { ...info, pid: child.pid, child, stop };
}

/**
 * Waits for the JSON line the simulator prints when ready; lines before it are passed on to
 * `onOutput`, and so is all output after it (until stopped).
 */
function readyInfo(child, { timeoutMs, onOutput, stop, state }) {
  return new Promise((resolve, reject) => {
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
        const parsed = readyLine(line);
        if (!parsed) {
          if (line && !line.startsWith("{")) onOutput(`[simulator] ${line}\n`);
          continue;
        }
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.on("data", (c) => {
          if (!state.muted) onOutput(c);
        });
        resolve(parsed);
        return;
      }
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", onData);
    child.once("exit", (code, signal) => {
      state.exited = true;
      clearTimeout(timer);
      reject(new Error(`the simulator exited before it was ready (code ${code}, signal ${signal})`));
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The ready line's content, or null for any other line. */
function readyLine(line) {
  if (!line.startsWith("{")) return null;
  try {
    const parsed = JSON.parse(line);
    return parsed.accountUrl && parsed.apiUrl ? parsed : null;
  } catch {
    return null;
  }
}
