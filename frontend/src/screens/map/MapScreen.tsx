import { useEffect, useState } from 'react'
import { OrgMap } from './OrgMap'
import { CaseMapView } from './CaseMapView'
import './map.css'

/** Reads #/map/case/<alertId>; anything else under #/map is the organisation map. */
export function caseIdFromHash(hash: string): number | null {
  const m = /^#\/?map\/case\/(\d+)$/.exec(hash)
  return m ? Number(m[1]) : null
}

export function MapScreen() {
  const [caseId, setCaseId] = useState(() => caseIdFromHash(window.location.hash))
  useEffect(() => {
    const on = () => setCaseId(caseIdFromHash(window.location.hash))
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return caseId != null ? <CaseMapView key={caseId} alertId={caseId} /> : <OrgMap />
}
