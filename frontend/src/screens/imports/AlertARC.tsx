import { useEffect, useState } from 'react'
import { importsApi, type AlertARCInfo } from '../../api/imports'
import { label, sourceLabels } from '../../ui/labels'

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

function ExtraFact({ header, value }: { header: string; value: string }) {
  return <><dt>{header} <span className="muted small">(ARC field)</span></dt><dd>{value}</dd></>
}

/** ARCDocuments lists the ARC's documents about the alert with their hashes. */
export function ARCDocuments({ arc }: { arc: AlertARCInfo | undefined }) {
  const docs = arc?.documents ?? []
  if (docs.length === 0) return null
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
    </>
  )
}
