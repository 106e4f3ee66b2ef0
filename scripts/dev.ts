// `npm run dev`: like `npm run demo`, but with `next dev` (hot reload) and without a build.
import { runPortal } from "./lib/portal-run";

runPortal("dev").catch((err: unknown) => {
  console.error(`\nnpm run dev failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
