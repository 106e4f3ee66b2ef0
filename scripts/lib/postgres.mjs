// A throwaway PostgreSQL cluster for tests: initdb + pg_ctl on a free port under a temp dir,
// run as the `postgres` user when we are root (PostgreSQL refuses to run as root).
// How to run it: README "Tests and CI" (a throwaway cluster per run).
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { freePort } from "./ports.mjs";

/** Directory holding initdb/pg_ctl, or null when PostgreSQL is not installed. */
export function findPgBinDir() {
  const ok = (dir) => dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"));
  // PG_BINDIR, when set, is the only place looked at (PG_BINDIR=/nonexistent = "no PostgreSQL").
  if (process.env.PG_BINDIR) return ok(process.env.PG_BINDIR) ? process.env.PG_BINDIR : null;
  const candidates = [];
  try {
    candidates.push(
      execFileSync("pg_config", ["--bindir"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim(),
    );
  } catch {
    /* no pg_config */
  }
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debianRoot, v, "bin"));
  }
  return candidates.find(ok) ?? null;
}

const shellQuote = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

function userExists(name) {
  try {
    execFileSync("id", ["-u", name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a cluster and returns { adminUrl, port, dir, stop() }. adminUrl points at the `postgres`
 * database (trust auth, user postgres). stop() is synchronous so it can run from signal handlers;
 * it stops the server (immediate mode) and deletes the directory, and is safe to call twice.
 */
export async function startThrowawayCluster({ binDir = findPgBinDir(), log = () => {} } = {}) {
  if (!binDir) throw new Error("PostgreSQL (initdb/pg_ctl) not found");
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (asRoot && !userExists("postgres"))
    throw new Error("running as root but there is no `postgres` user to run PostgreSQL as");
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (args) => runAs(asRoot, args);
  const data = path.join(dir, "data");
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      try {
        run([path.join(binDir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run([
      path.join(binDir, "initdb"),
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-locale",
      "--no-sync",
    ]);
    const port = await startOnFreePort(run, binDir, dir, data);
    started = true;
    log(`PostgreSQL (${binDir}) listening on 127.0.0.1:${port}, data in ${dir}`);
    return { adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
  } catch (err) {
    stop();
    const stderr = err?.stderr ? String(err.stderr) : "";
    throw new Error(`could not start a throwaway PostgreSQL cluster: ${err.message}\n${stderr}`);
  }
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root (PostgreSQL refuses root). */
function runAs(asRoot, args) {
  const cmd = args.map(shellQuote).join(" ");
  if (asRoot)
    execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", cmd], {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: "/",
    });
  else execFileSync(args[0], args.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts the server; a few attempts, as the free port can be taken between asking for it and binding it. */
async function startOnFreePort(run, binDir, dir, data) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Durability is pointless for a throwaway cluster; turning it off makes CREATE DATABASE fast.
    const opts = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    try {
      run([
        path.join(binDir, "pg_ctl"),
        "-D",
        data,
        "-l",
        path.join(dir, "log"),
        "-w",
        "-t",
        "30",
        "-o",
        opts,
        "start",
      ]);
      return port;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
