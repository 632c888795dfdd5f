// The window's idea of now comes from the Go side, not the browser: casework,
// deadlines and report ranges must agree with the clock the backend stores
// against (which the dev build's tests pin with REDLINE_NOW). The skew is
// read once at start-up; after that the browser's clock only measures time passing.

let skewMs = 0

/**
 * Learns how far the app's clock is from the browser's. Never throws and
 * never waits more than limitMs: the first screen must not hang on it, and a
 * failed or late read keeps the browser's clock.
 */
export async function syncClock(appNowUnix: () => Promise<number>, limitMs = 3000): Promise<void> {
  try {
    const before = Date.now()
    const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the app clock did not answer')), limitMs))
    const unix = await Promise.race([appNowUnix(), late])
    const after = Date.now()
    skewMs = unix * 1000 - Math.round((before + after) / 2)
    // Within a second is the same clock; keeping zero avoids jitter in the live app.
    if (Math.abs(skewMs) < 1000) skewMs = 0
  } catch {
    skewMs = 0
  }
}

/** Now, on the app's clock. */
export function appNow(): Date {
  return new Date(Date.now() + skewMs)
}

/** Now, on the app's clock, as Unix seconds. */
export function appNowUnix(): number {
  return Math.floor((Date.now() + skewMs) / 1000)
}
