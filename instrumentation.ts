// Runs once when the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stampPeerAddresses } = await import('./lib/auth/peer-address');
    stampPeerAddresses();
    // Keeps the dashboards' rollup current after every write, so no GET ever writes.
    // METRICS_FACT_WORKER=off leaves it to another instance (or to a benchmark's baseline).
    if (process.env.METRICS_FACT_WORKER !== 'off') {
      const { startRollupWorker } = await import('./lib/metrics/rollup-worker');
      startRollupWorker();
    }
    // Builds the district pages' snapshots, so a page serves them instead of recomputing
    // (lib/snapshots). The server takes requests once the first round has built the default
    // views (at most a minute): the first request after a deploy is as fast as the second.
    if (process.env.METRICS_SNAPSHOTS !== 'off') {
      const { startSnapshotKeeper } = await import('./lib/snapshots/keeper');
      const { defaultViews } = await import('./lib/snapshots/defaults');
      const firstRound = startSnapshotKeeper(defaultViews);
      await Promise.race([firstRound, new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
    }
    // Emails people chose (digest, reminders, weekly review), only when a mail server is configured.
    const { mailConfigured } = await import('./lib/notify/mail');
    if (mailConfigured()) {
      const { startNotificationWorker } = await import('./lib/notify/worker');
      startNotificationWorker();
    }
  }
}
