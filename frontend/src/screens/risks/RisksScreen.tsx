import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useDataChanged } from '../../api/changes'
import { risksApi, scoreKindLabels, scoreKinds, type Cell, type Grid, type Risk, type ScoreKind } from '../../api/risks'
import { fitColumns, useColumns, useRoom } from '../../ui/columns'
import { ColumnsMenu } from '../../ui/ColumnsMenu'
import { isoToUk } from '../../ui/ukdate'
import { savedMessage, useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import { londonToday } from '../letters/LetterDetail'
import { BandSettings } from './BandSettings'
import { HeatGrid } from './HeatGrid'
import { HotspotRisks } from './HotspotRisks'
import { NewRiskForm } from './NewRiskForm'
import { RiskDetail } from './RiskDetail'
import { ScoreText } from './score'
import './risks.css'

type Side = { kind: 'risk'; id: number } | { kind: 'new' } | { kind: 'hotspots' } | { kind: 'bands' } | null

interface Column { id: string; header: string; size: number; cell: (r: Risk, today: string) => ReactNode }

function reviewCell(r: Risk, today: string): ReactNode {
  const overdue = r.status === 'open' && !!r.reviewOn && r.reviewOn < today
  return <span className={overdue ? 'overdue-text' : ''}>{isoToUk(r.reviewOn)}{overdue ? ' (overdue)' : ''}</span>
}

// In the order a 1366-pixel laptop shows them beside the open risk: the
// reference and title name the risk, then its current score, owner and
// review; the rest as room allows. Sizes are pixels; the title and the
// owner wrap, the rest keep to one line.
const columns: Column[] = [
  { id: 'ref', header: 'Ref', size: 80, cell: () => null },
  { id: 'title', header: 'Title', size: 180, cell: (r) => <>{r.title}{r.status === 'closed' ? ' (closed)' : ''}</> },
  { id: 'current', header: 'Current', size: 140, cell: (r) => <ScoreText s={r.current} /> },
  { id: 'owner', header: 'Owner', size: 130, cell: (r) => r.owner },
  { id: 'reviewOn', header: 'Review', size: 95, cell: reviewCell },
  { id: 'target', header: 'Target', size: 140, cell: (r) => <ScoreText s={r.target} /> },
  { id: 'inherent', header: 'Inherent', size: 140, cell: (r) => <ScoreText s={r.inherent} /> },
]
const columnIds = columns.map((c) => c.id)
const columnSizes = Object.fromEntries(columns.map((c) => [c.id, c.size]))
const columnHeaders = Object.fromEntries(columns.map((c) => [c.id, c.header]))
const KEEP = 'ref'
export const RISK_COLUMNS_KEY = 'redline.risks.columns'

/** The risk register: a 5x5 heat grid, the list, one risk, hotspots, bands and the spreadsheet. */
export function RisksScreen() {
  const [kind, setKind] = useState<ScoreKind>('current')
  const [grid, setGrid] = useState<Grid | null>(null)
  const [cell, setCell] = useState<{ c: number; l: number } | null>(null)
  const [status, setStatusFilter] = useState('open')
  const [text, setText] = useState('')
  const [band, setBand] = useState('')
  const [rows, setRows] = useState<Risk[] | null>(null)
  const [side, setSide] = useState<Side>(null)
  const { act, error, status: said, setError, setStatus } = useAct()
  // The columns chosen, fitted to the room beside the open risk.
  const cols = useColumns(RISK_COLUMNS_KEY, columnIds, KEEP)
  const [setWrap, room] = useRoom()
  const drawn = fitColumns(cols.choice, columnSizes, room, KEEP).map((id) => columns.find((c) => c.id === id)!)

  const refresh = useCallback(() => {
    Promise.all([risksApi.grid(kind), risksApi.list({ status, text, band })]).then(([g, r]) => { setGrid(g); setRows(r) }, (e: Error) => setError(e.message))
  }, [kind, status, text, band, setError])
  useEffect(refresh, [refresh])
  useDataChanged(['risks', 'risk_scores'], refresh)

  const shown = (rows ?? []).filter((r) => {
    if (!cell) return true
    const s = r[kind]
    return !!s && s.consequence === cell.c && s.likelihood === cell.l
  })
  const today = londonToday()
  const pick = (c: Cell | null) => setCell(c ? { c: c.consequence, l: c.likelihood } : null)
  return (
    <section className="screen risks-screen" aria-labelledby="risks-title">
      <div className="screen-header">
        <h1 id="risks-title">Risk register</h1>
        <div className="risk-tools">
          <button type="button" onClick={() => setSide({ kind: 'new' })}>Add a risk</button>
          <button type="button" className="secondary" onClick={() => setSide({ kind: 'hotspots' })}>From a map hotspot</button>
          <button type="button" className="secondary" onClick={() => act((p: string) => savedMessage(p, 'Risk register spreadsheet'), () => risksApi.exportXLSX())}>Export to Excel (XLSX)</button>
          <button type="button" className="secondary" onClick={() => setSide({ kind: 'bands' })}>Risk bands</button>
        </div>
      </div>
      <Outcome error={error} status={said} />
      <div className="risks-layout">
        <div className="risks-main">
          <div className="filters">
            <label>Grid shows<select value={kind} onChange={(e) => { setKind(e.target.value as ScoreKind); setCell(null) }}>
              {scoreKinds.map((k) => <option key={k} value={k}>{scoreKindLabels[k]} scores</option>)}</select></label>
            <label>Status<select value={status} onChange={(e) => setStatusFilter(e.target.value)}>
              <option value="open">Open</option><option value="closed">Closed</option><option value="">All</option></select></label>
            <label>Current band<select value={band} onChange={(e) => setBand(e.target.value)}>
              <option value="">Any</option>{grid?.bands.map((b) => <option key={b.label} value={b.label}>{b.label}</option>)}</select></label>
            <label className="grow">Search<input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Reference, title, owner, place…" /></label>
          </div>
          {grid && <HeatGrid grid={grid} selected={cell} onSelect={pick} />}
          <div className="risk-list-wrap" ref={setWrap}>
            <div className="table-tools">
              <ColumnsMenu choice={cols.choice} headers={columnHeaders} drawn={drawn.map((c) => c.id)} keep={KEEP} toggle={cols.toggle} move={cols.move} reset={cols.reset} />
            </div>
            <p className="count" aria-live="polite">{shown.length} risk{shown.length === 1 ? '' : 's'}{cell ? ` scored ${cell.c} x ${cell.l} (${scoreKindLabels[kind].toLowerCase()})` : ''}
              {cell && <> · <button type="button" className="linkish" onClick={() => setCell(null)}>Show all</button></>}</p>
            <table className="mini risk-table">
              <caption className="visually-hidden">Risks, in register order</caption>
              <thead><tr>{drawn.map((c) => <th key={c.id} scope="col">{c.header}</th>)}</tr></thead>
              <tbody>{shown.map((r) => (
                <tr key={r.id} className={side?.kind === 'risk' && side.id === r.id ? 'selected' : ''}>
                  {drawn.map((c) => c.id === KEEP
                    ? <td key={c.id}><button type="button" className="linkish" onClick={() => setSide({ kind: 'risk', id: r.id })}>{r.ref}</button></td>
                    : <td key={c.id} className={`col-${c.id}`}>{c.cell(r, today)}</td>)}
                </tr>
              ))}</tbody>
            </table>
            {rows && rows.length === 0 && <p className="empty">No risks{status ? ` ${status}` : ''}. Add one, or add one from a map hotspot or a case.</p>}
          </div>
        </div>
        <aside className="risks-side" aria-label="Risk detail">
          {side?.kind === 'risk' && <RiskDetail riskId={side.id} onChanged={refresh} />}
          {side?.kind === 'new' && <NewRiskForm onCreated={(v) => { refresh(); setStatus(`Risk ${v.risk.ref} added.`); setSide({ kind: 'risk', id: v.risk.id }) }} onCancel={() => setSide(null)} />}
          {side?.kind === 'hotspots' && <><h2>Risks from map hotspots</h2><HotspotRisks onOpen={(v, created) => { refresh(); setStatus(created ? `Risk ${v.risk.ref} added from the hotspot.` : `The hotspot already has risk ${v.risk.ref}.`); setSide({ kind: 'risk', id: v.risk.id }) }} /></>}
          {side?.kind === 'bands' && <><h2>Risk bands</h2><BandSettings onSaved={refresh} /></>}
          {!side && <p className="muted">Choose a risk to see its scores, history and links.</p>}
        </aside>
      </div>
    </section>
  )
}
