const controls = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

/**
 * Moves keyboard focus to the first control inside el that a person can use,
 * and says whether there was one. Used where a screen opens on a task, so the
 * keyboard starts there and not on the page body.
 */
export function focusFirstControl(el: HTMLElement | null): boolean {
  const first = el?.querySelector<HTMLElement>(controls)
  if (!first) return false
  first.focus()
  return document.activeElement === first
}
