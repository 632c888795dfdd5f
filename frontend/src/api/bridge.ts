// The only place that knows how bound Go methods fail: Wails rejects with an
// Error whose message is the JSON problem.Explain made of the Go error
// (app/main.go's ErrorFormatter): the message a person can act on, the form
// field it is about, and, for a failure only the log explains, the reference
// that finds it in redline.log.

export class ApiError extends Error {
  /** The form field the problem is about, so a form can show it beside that field. */
  field?: string
  /** Set when the details are only in redline.log. */
  ref?: string
  constructor(message: string, field?: string, ref?: string) {
    super(message)
    this.field = field || undefined
    this.ref = ref || undefined
  }
}

interface Explained { message: string; field?: string; ref?: string }

function isExplained(e: unknown): e is Explained {
  return typeof e === 'object' && e !== null && typeof (e as Explained).message === 'string'
}

/** toApiError turns whatever a bound method rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  const text = typeof e === 'string' ? e : e instanceof Error ? e.message : isExplained(e) ? JSON.stringify(e) : String(e)
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (isExplained(parsed)) return new ApiError(parsed.message, parsed.field, parsed.ref)
    } catch { /* a plain sentence that starts with a brace */ }
  }
  return new ApiError(text)
}

export async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    throw toApiError(e)
  }
}
