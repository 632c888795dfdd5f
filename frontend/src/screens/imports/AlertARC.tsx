import { useEffect, useState } from 'react'
import { importsApi, type AlertARCInfo } from '../../api/imports'
import { label, sourceLabels } from '../../ui/labels'
import { formatDateTime } from '../../ui/time'
import './imports.css'

// What the ARC sent about an alert beyond Redline's own fields (issue 13):
// the address, how the location was found, the ARC's own words beside the
// normalised values, every column no profile field reads, and the ARC's
// documents. Shown in the alert's detail panel.

/** useAlertARC loads an alert's ARC fields; undefined until (or unless) they arrive. */
export function useAlertARC(alertId: number): AlertARCInfo | undefined {
  const [info, setInfo] = useState<{ id: number; data: AlertARCInfo } | undefined>()
  useEffect(() => {
    let live = true
    Promise.resolve().then(() => importsApi.alertARC(alertId))
      .then((data) => { if (live) setInfo({ id: alertId, data }) })
      .catch(() => { /* the panel shows the alert without them */ })
    return () => { live = false }
  }, [alertId])
  return info?.id === alertId ? info.data : undefined
}

/** word is the ARC's own word for a field, shown beside Redline's value: ' (ARC: “Amber Logged”)'. */
export function word(arc: AlertARCInfo | undefined, field: string): string {
  const w = arc?.fields?.words?.[field]
  return w ? ` (ARC: “${w}”)` : ''
}

/** ARCFacts are the definition-list rows of the ARC's own fields. */
export function ARCFacts({ arc }: { arc: AlertARCInfo | undefined }) {
  const f = arc?.fields
  if (!f) return null
  const typeWord = f.words?.type
  return (
    <>
      {typeWord && <><dt>Alarm type as the ARC wrote it</dt><dd>{typeWord}</dd></>}
      {f.address && <><dt>Address</dt><dd>{f.address}</dd></>}
      {f.locationSource && <><dt>Location source</dt><dd>{label(sourceLabels, f.locationSource)}{word(arc, 'location_source')}</dd></>}
      {(f.extra ?? []).map(([header, value]) => (
        <ExtraFact key={header} header={header} value={value} />
      ))}
    </>
  )
}

/** hasExtra says whether any row of a log or positions table carries ARC columns of its own. */
export function hasExtra(rows: { extra?: string[][] | null }[]): boolean {
  return rows.some((r) => (r.extra ?? []).length > 0)
}

/**
 * ExtraCell is a table cell listing the columns of the ARC's log or positions
 * file that no profile field reads, header and value, in the file's order.
 */
export function ExtraCell({ extra }: { extra?: string[][] | null }) {
  const list = extra ?? []
  return (
    <td>
      {list.length > 0 && (
        <ul className="arc-extra">
          {list.map(([header, value], i) => <li key={i}><span className="arc-extra-header">{header}:</span> {value}</li>)}
        </ul>
      )}
    </td>
  )
}

/** sourceWord is the ARC's own word for how a fix was found, beside Redline's: ' (ARC: “Mast”)'. */
export function sourceWord(word: string | undefined): string {
  return word ? ` (ARC: “${word}”)` : ''
}

function ExtraFact({ header, value }: { header: string; value: string }) {
  return <><dt>{header} <span className="muted small">(ARC field)</span></dt><dd>{value}</dd></>
}

/** ARCDocuments lists the ARC's documents about the alert with their hashes, and what retention destroyed of the ARC's data. */
export function ARCDocuments({ arc }: { arc: AlertARCInfo | undefined }) {
  const docs = arc?.documents ?? []
  const destroyed = arc?.destroyed ?? []
  if (docs.length === 0) return <ARCDestroyed records={destroyed} />
  return (
    <>
      <h3>ARC documents</h3>
      <ul className="media">
        {docs.map((d) => (
          <li key={d.id}>
            <strong>{d.originalName}</strong> · {(d.size / 1024).toFixed(1)} KB
            <br /><span className="hash" title="SHA-256 recorded on receipt">SHA-256 {d.sha256}</span>
          </li>
        ))}
      </ul>
      <ARCDestroyed records={destroyed} />
    </>
  )
}

type DestroyedRecord = NonNullable<AlertARCInfo['destroyed']>[number]

/** ARCDestroyed says what retention destroyed of the ARC's documents and fields, when and why. */
function ARCDestroyed({ records }: { records: DestroyedRecord[] }) {
  if (records.length === 0) return null
  return (
    <>
      <h3>Destroyed under the retention rules</h3>
      <ul className="media">
        {records.map((r) => (
          <li key={r.id}>
            <strong>{r.item}</strong> · destroyed {formatDateTime(r.destroyedAt)} by {r.destroyedBy}
            <br /><span className="muted">{r.ruleText}</span>
            {r.sha256 && <><br /><span className="hash" title="SHA-256 recorded on receipt">SHA-256 {r.sha256}</span></>}
          </li>
        ))}
      </ul>
    </>
  )
}
