/** The outcome of the last action: an error (assertive) or a status (polite). */
export function Outcome({ error, status }: { error: string; status: string }) {
  return (
    <div aria-live="polite">
      {error && <p className="error" role="alert">{error}</p>}
      {status && <p className="ok" role="status">{status}</p>}
    </div>
  )
}
