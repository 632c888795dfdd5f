/**
 * The NHS "Making Data Count" variation and assurance icons, drawn as our own
 * SVG (no external images) and coloured from reports.css by class, with the
 * meaning written beside each icon so it never rests on colour or shape alone.
 */

type Tone = 'common' | 'improvement' | 'concern' | 'neither' | 'pass' | 'fail' | 'hitmiss'

interface Icon { tone: Tone; text: string; letter: string; dots: number[] }

// Dot heights (0 top, 1 bottom) for the little run inside a variation icon.
const flat = [0.55, 0.45, 0.6, 0.5, 0.55, 0.45, 0.5]
const rising = [0.7, 0.65, 0.7, 0.6, 0.45, 0.35, 0.25]
const falling = [0.3, 0.35, 0.3, 0.4, 0.55, 0.65, 0.75]

const variations: Record<string, Icon> = {
  common_cause: { tone: 'common', text: 'Common-cause variation: no significant change', letter: '', dots: flat },
  special_cause_improvement_high: { tone: 'improvement', text: 'Special-cause improvement: higher values', letter: 'H', dots: rising },
  special_cause_improvement_low: { tone: 'improvement', text: 'Special-cause improvement: lower values', letter: 'L', dots: falling },
  special_cause_concern_high: { tone: 'concern', text: 'Special-cause concern: higher values', letter: 'H', dots: rising },
  special_cause_concern_low: { tone: 'concern', text: 'Special-cause concern: lower values', letter: 'L', dots: falling },
  special_cause_neither_high: { tone: 'neither', text: 'Special-cause variation: higher values', letter: 'H', dots: rising },
  special_cause_neither_low: { tone: 'neither', text: 'Special-cause variation: lower values', letter: 'L', dots: falling },
}

const assurances: Record<string, Icon> = {
  consistent_pass: { tone: 'pass', text: 'Assurance: the target will be met consistently', letter: 'P', dots: [] },
  consistent_fail: { tone: 'fail', text: 'Assurance: the target will be missed consistently', letter: 'F', dots: [] },
  inconsistent: { tone: 'hitmiss', text: 'Assurance: hit and miss, the target may or may not be met', letter: '?', dots: [] },
}

/** The icon and words for a measure's variation, or undefined when there is none to show (too few points). */
export function variationIcon(variation: string): Icon | undefined {
  return variations[variation]
}

/** The icon and words for a measure's assurance against its target, or undefined without a target. */
export function assuranceIcon(assurance: string): Icon | undefined {
  return assurances[assurance]
}

function Glyph({ icon, kind }: { icon: Icon; kind: 'variation' | 'assurance' }) {
  const step = 20 / Math.max(1, icon.dots.length - 1)
  return (
    <svg className={`mdc-glyph mdc-${icon.tone}`} viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <circle className="mdc-ring" cx="20" cy="20" r="17" />
      {kind === 'variation' && icon.dots.map((y, i) => (
        <circle key={i} className={i >= icon.dots.length - 3 && icon.letter ? 'mdc-dot mdc-dot-signal' : 'mdc-dot'} cx={10 + i * step} cy={16 + y * 14} r="1.8" />
      ))}
      {kind === 'assurance' && <line className="mdc-target" x1="8" y1="28" x2="32" y2="28" />}
      {icon.letter && (
        <text className="mdc-letter" x="20" y={kind === 'variation' ? 14 : 25} textAnchor="middle">{icon.letter}</text>
      )}
    </svg>
  )
}

/** A measure's variation and (where it has a target) assurance icons, each with its meaning in words. */
export function MdcIcons({ variation, assurance }: { variation: string; assurance: string }) {
  const v = variationIcon(variation)
  const a = assuranceIcon(assurance)
  if (!v && !a) return null
  return (
    <ul className="mdc-icons" aria-label="Making Data Count summary">
      {v && <li className="mdc-icon" data-mdc={variation}><Glyph icon={v} kind="variation" /><span>{v.text}</span></li>}
      {a && <li className="mdc-icon" data-mdc={assurance}><Glyph icon={a} kind="assurance" /><span>{a.text}</span></li>}
    </ul>
  )
}
