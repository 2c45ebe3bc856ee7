// Runs once when the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stampPeerAddresses } = await import('./lib/auth/peer-address');
    stampPeerAddresses();
    // Keeps the dashboards' rollup current after every write, so no GET ever writes.
    const { startRollupWorker } = await import('./lib/metrics/rollup-worker');
    startRollupWorker();
  }
}
