// The app's clock. Everything that asks "what day is it in the district?" (today,
// as-of, still to come, late entries, the seed's history) reads `now()` here, so a
// test run or a demo can be moved to another day: APP_CLOCK=2027-07-14 (or a full
// instant, 2027-07-14T15:30:00Z) starts the clock there and lets it run. Security
// clocks (sign-in sessions, rate limits, one-time links) stay on the wall clock.
const startedAt = Date.now();

function pinnedStart(): number | null {
  const value = process.env.APP_CLOCK?.trim();
  if (!value) return null;
  // A bare date means mid-morning in the Americas (15:00 UTC), a school-day hour.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T15:00:00Z` : value;
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms))
    throw new Error(`APP_CLOCK="${value}" is not a date (expected 2027-07-14 or 2027-07-14T15:30:00Z)`);
  return ms;
}

const pinned = pinnedStart();

/** The current instant by the app's clock. */
export function now(): Date {
  return pinned === null ? new Date() : new Date(pinned + (Date.now() - startedAt));
}
