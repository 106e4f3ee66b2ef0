// Next.js calls register() once when a server process starts: stamp each request with its socket
// address (lib/auth/peer-address.ts) and start the background jobs there (Node.js runtime only;
// never during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installPeerAddressHook } = await import("@/lib/auth/peer-address");
  await installPeerAddressHook();
  const { startBackgroundJobs } = await import("@/lib/jobs");
  startBackgroundJobs();
  // The demo, dev and e2e servers hand over their simulator's control URL: install the
  // simulator-backed Azure AD steps (lib/demo/). Production leaves the default (manual) in place.
  if (process.env.PORTAL_SIMULATOR_CONTROL) {
    const { wireSimulatedAzure } = await import("@/lib/demo/simulated-azure-directory");
    wireSimulatedAzure(process.env.PORTAL_SIMULATOR_CONTROL);
  }
}
