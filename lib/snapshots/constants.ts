// The snapshot rules' numbers (./served.ts), apart so client-safe code can show them.

/**
 * A view quicker to compute than this (what feels instant) is computed by the page when
 * its snapshot is outdated; a slower one is served from a snapshot at most MAX_LAG_MS old.
 */
export const LIVE_BUDGET_MS = 100;
/** The oldest outdated snapshot a page may serve (and say so). */
export const MAX_LAG_MS = 60_000;
