// A write refused because a colleague changed the record between what the
// page showed and the click (Go's store.ChangedError: team mode has several
// people writing at once). The message already says who changed what and
// when; the page shows it beside the action and loads the record again, so
// the person decides on what is there now.

/** isChanged reports whether e is a refusal because someone else changed the record first. */
export function isChanged(e: unknown): boolean {
  return e instanceof Error && e.message.startsWith('Someone else changed ')
}

/**
 * reloadOnChange runs a write; when a colleague's change refused it, the
 * record is loaded again before the error goes on to the page.
 */
export async function reloadOnChange<T>(write: () => Promise<T>, reload: () => unknown): Promise<T> {
  try {
    return await write()
  } catch (e) {
    if (isChanged(e)) await reload()
    throw e
  }
}
