// Playwright's global setup prepares the e2e database with the portal's own modules, and those are
// marked `import "server-only"`: outside Next's server bundle the marker throws unless Node runs
// with the "react-server" condition. Playwright loads TypeScript in its own process without it, so
// the marker resolves to an empty module here (what vitest's alias does for the unit and
// integration tests). Only test code loads this file; the portal never does.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
