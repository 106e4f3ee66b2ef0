// Next.js calls register() once when a server process starts (Node.js runtime only; never during
// `next build`): check the configuration and first-run state (lib/observability/startup.ts), stamp
// each request with its socket address (lib/auth/peer-address.ts), then start the background jobs
// once the database is usable (not before `npm run db:migrate` ran).
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime markers, read before anything loads
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateConfiguration, startServer } = await import("@/lib/observability/startup");
  validateConfiguration();
  const { installPeerAddressHook } = await import("@/lib/auth/peer-address");
  await installPeerAddressHook();
  // The demo, dev and e2e servers hand over their simulator's control URL: install the
  // simulator-backed Azure AD steps (lib/demo/). Production leaves the default (manual) in place.
  const { env } = await import("@/lib/env");
  const simulatorControl = env().PORTAL_SIMULATOR_CONTROL;
  if (simulatorControl) {
    const { wireSimulatedAzure } = await import("@/lib/demo/simulated-azure-directory");
    wireSimulatedAzure(simulatorControl);
  }
  void startServer().then(async () => {
    const { startBackgroundJobs } = await import("@/lib/jobs");
    startBackgroundJobs();
  });
}
