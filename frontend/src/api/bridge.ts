// The only place that knows how bound Go methods fail: Wails rejects with the
// error's message (see plainError in app/main.go). Components get Error objects.

export class ApiError extends Error {}

export async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    throw new ApiError(typeof e === 'string' ? e : e instanceof Error ? e.message : String(e))
  }
}
