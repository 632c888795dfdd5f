// UK dates typed by people: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy).

/** Parses a UK date to yyyy-mm-dd, or returns null when it is not a real date. */
export function parseUkDate(s: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(s)
  if (!m) return null
  const [d, mo, y] = [+m[1], +m[2], +m[3]]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** yyyy-mm-dd to dd/mm/yyyy. */
export function isoToUk(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}
