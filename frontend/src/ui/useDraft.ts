import { useCallback, useState } from 'react'

/**
 * useDraft is form state that starts from a value shown on screen (a loaded
 * record, a prop) and starts again whenever that value changes, as when a
 * reload brings the saved record back. Edits are kept with the value they were
 * made against, so no effect has to copy the value into state after render.
 */
export function useDraft<S, T>(source: S, init: (source: S) => T): [T, (draft: T) => void] {
  const [draft, setDraft] = useState<{ of: S; value: T } | null>(null)
  const value = draft && Object.is(draft.of, source) ? draft.value : init(source)
  const set = useCallback((v: T) => setDraft({ of: source, value: v }), [source])
  return [value, set]
}
