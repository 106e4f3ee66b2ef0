// Next.js calls register() once when a server process starts (Node.js runtime only; never during
// `next build`): check the configuration and first-run state (lib/observability/startup.ts), then
// start the background jobs once the database is usable (not before `npm run db:migrate` ran).
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime markers, read before anything loads
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateConfiguration, startServer } = await import("@/lib/observability/startup");
  validateConfiguration();
  void startServer().then(async () => {
    const { startBackgroundJobs } = await import("@/lib/jobs");
    startBackgroundJobs();
  });
}
