// Free TCP ports on 127.0.0.1 (the only address tests and the demo may use).
import { execFileSync } from "node:child_process";
import net from "node:net";

/** Asks the OS for a free port (listen on 0, read it, close). */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Same, synchronously (for config files that must know a port while they are evaluated). */
export function freePortSync(host = "127.0.0.1") {
  const script =
    `const s=require("net").createServer();s.listen(0,${JSON.stringify(host)},()=>{` +
    `process.stdout.write(String(s.address().port));s.close()})`;
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
}

/** True when nothing listens on host:port. */
export function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
