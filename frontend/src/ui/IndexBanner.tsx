import { useEffect, useState } from 'react'
import { importsApi, type IndexStatus } from '../api/imports'

/**
 * Says, on every screen, that the indexes a large import set aside are being
 * rebuilt: the alerts are already saved, but lists sort and filter slowly
 * until this ends.
 */
export function IndexBanner() {
  const [st, setSt] = useState<IndexStatus | null>(null)
  useEffect(() => {
    let live = true
    const refresh = () => importsApi.indexes().then((s) => { if (live) setSt(s) }, () => {})
    refresh()
    const off = importsApi.onIndexes(refresh)
    return () => { live = false; off() }
  }, [])
  if (st?.error) return <p className="error index-banner" role="alert">{st.error}</p>
  if (!st?.building) return null
  return (
    <p className="index-banner" role="status">
      The imported alerts are saved. Rebuilding the indexes that keep sorting and filtering fast
      ({st.done} of {st.total} done): lists may be slower until this finishes.
    </p>
  )
}
