import type { Band, RiskScore } from '../../api/risks'

/** Black or white text, whichever reads better on a band colour. */
export function inkOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) return '#212b32'
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => {
    const c = parseInt(x, 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast against white (1.05 / (l + .05)) versus against near-black #212b32 (l ~ .022).
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.072 ? '#ffffff' : '#212b32'
}

/** The colour of a score's band in the band set it was scored with (kept with every score). */
export function scoreColour(s: RiskScore): string {
  try {
    const bs = JSON.parse(s.bandSet || '[]') as Band[]
    return bs.find((b) => b.label === s.band)?.colour ?? ''
  } catch {
    return ''
  }
}

