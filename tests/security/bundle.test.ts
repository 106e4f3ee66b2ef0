// The browser bundle stays small and free of server-side validation: every route ships at most
// 175 KB of gzip JavaScript (translation runtime included), and no client chunk contains zod (client components import limits
// and labels from zod-free modules such as lib/users/constants.ts, never from schemas.ts).
// Runs only after `next build` (npm test runs tests/security after its build, step d4).
//
// Which files a route loads: the build manifest's root main files (framework, runtime; loaded on
// every page) plus the entry chunks of the route's layouts, page and boundaries, which Next
// lists per route in .next/server/app/<route>/page_client-reference-manifest.js.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const buildId = path.join(distDir, "BUILD_ID");

// 160 KB for the pages, plus ~14 KB for the translation runtime (next-intl's ICU formatter).
export const ROUTE_BUDGET_BYTES = 175 * 1024;

/** Text that zod 4 keeps in any bundle that includes it (class names survive minification). */
const ZOD_MARKERS = ['"$ZodType"', '"ZodError"', "$ZodType", "ZodError"];

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

interface RouteManifest {
  route: string;
  entryJSFiles: Record<string, string[]>;
}

function routeManifests(): RouteManifest[] {
  const out: RouteManifest[] = [];
  for (const file of walk(path.join(distDir, "server/app"))) {
    if (!file.endsWith("page_client-reference-manifest.js")) continue;
    const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, RouteManifest> } = {};
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(file, "utf8"), sandbox);
    for (const [route, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
      out.push({ route, entryJSFiles: manifest.entryJSFiles ?? {} });
    }
  }
  return out;
}

const sizeCache = new Map<string, number>();
function gzipSize(file: string): number {
  let size = sizeCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(distDir, file))).length;
    sizeCache.set(file, size);
  }
  return size;
}

describe.skipIf(!existsSync(buildId))("the browser bundle (.next/static)", () => {
  it(`every route loads at most ${ROUTE_BUDGET_BYTES / 1024} KB of gzip JavaScript`, () => {
    const buildManifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
      rootMainFiles: string[];
    };
    const routes = routeManifests();
    expect(routes.length).toBeGreaterThan(20); // every portal page was found
    const report = routes.map(({ route, entryJSFiles }) => {
      const files = new Set([...buildManifest.rootMainFiles, ...Object.values(entryJSFiles).flat()]);
      const bytes = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
      return { route, kb: Math.round(bytes / 102.4) / 10, bytes };
    });
    console.log(
      report
        .sort((a, b) => b.bytes - a.bytes)
        .map((r) => `${r.kb.toFixed(1).padStart(6)} KB  ${r.route}`)
        .join("\n"),
    );
    expect(report.filter((r) => r.bytes > ROUTE_BUDGET_BYTES).map((r) => `${r.route}: ${r.kb} KB`)).toEqual(
      [],
    );
  });

  it("contains no zod in any client chunk", () => {
    const chunks = [...walk(path.join(distDir, "static"))].filter((f) => f.endsWith(".js"));
    expect(chunks.length).toBeGreaterThan(0);
    const withZod = chunks
      .filter((f) => {
        const text = readFileSync(f, "utf8");
        return ZOD_MARKERS.some((marker) => text.includes(marker));
      })
      .map((f) => path.relative(distDir, f));
    expect(withZod).toEqual([]);
  });

  it("the zod markers are real: zod's own build contains them", () => {
    // Guards the test above against a zod release that renames its classes.
    const zodCore = readFileSync(path.join(root, "node_modules/zod/v4/core/schemas.js"), "utf8");
    expect(ZOD_MARKERS.some((marker) => zodCore.includes(marker))).toBe(true);
  });
});
