import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { alertsApi, emptyFilter, type Alert, type AlertFilter, type AlertSort, type Team } from '../../api/alerts'
import { formatDateTime, londonDayEnd, londonDayStart } from '../../ui/time'
import { escalationLabels, formatAccuracy, label, triggerLabels, typeLabels, validityLabels } from '../../ui/labels'
import { usePagedAlerts } from './usePagedAlerts'
import { useRowWindow } from './useRowWindow'
import { UkDateInput } from '../../ui/UkDateInput'
import { isoToUk } from '../../ui/ukdate'
import { AlertDetailPanel } from './AlertDetailPanel'
import { fitColumns, useColumns } from '../../ui/columns'
import { ColumnsMenu } from '../../ui/ColumnsMenu'
import { ARCWordCell, arcWordOf, withWordTitle, type WordField } from './arcWord'

/** A column of the table: what it shows of an alert, its width in pixels, and whether it sorts. */
interface Column {
  id: keyof Alert | 'knownRisk'
  header: string
  size: number
  sortable: boolean
  cell?: (a: Alert) => ReactNode
  /** The cell's whole text as a tooltip, where a narrow column may cut it short. */
  title?: (a: Alert) => string | undefined
}

/** wordTitle is a tooltip for a cell that shows the ARC's own word, none for one that does not. */
function wordTitle(a: Alert, field: WordField, value: string): string | undefined {
  const w = arcWordOf(a.words, field, value)
  return w ? withWordTitle(value, w) : undefined
}

// In the order a 1366-pixel laptop shows them left to right: the ARC reference,
// which names the alert, next to the time; the rest as room allows (useColumns).
const columns: Column[] = [
  { id: 'raisedAt', header: 'Raised (UK time)', size: 160, sortable: true, cell: (a) => formatDateTime(a.raisedAt) },
  { id: 'arcRef', header: 'ARC reference', size: 125, sortable: true },
  { id: 'type', header: 'Type', size: 110, sortable: true, cell: (a) => <ARCWordCell value={<span className={`badge badge-${a.type}`}>{label(typeLabels, a.type)}</span>} word={arcWordOf(a.words, 'type', label(typeLabels, a.type))} />,
    title: (a) => wordTitle(a, 'type', label(typeLabels, a.type)) },
  { id: 'workerName', header: 'Lone worker', size: 160, sortable: true },
  { id: 'teamName', header: 'Team', size: 190, sortable: true },
  {
    id: 'validity', header: 'Validity', size: 145, sortable: true,
    // Amber alerts are logs, not alarms: the ARC never closes them with a validity.
    // The ARC's own word is still shown beside the dash: an amber's "Amber Logged" is what the ARC sent.
    cell: (a) => <ARCWordCell word={arcWordOf(a.words, 'validity', a.type === 'amber' ? '' : label(validityLabels, a.validity))}
      value={a.type === 'amber' ? <span aria-label="Not applicable">—</span> : label(validityLabels, a.validity)} />,
    title: (a) => wordTitle(a, 'validity', a.type === 'amber' ? 'Not applicable' : label(validityLabels, a.validity)),
  },
  { id: 'escalation', header: 'Escalation', size: 125, sortable: true, cell: (a) => <ARCWordCell value={label(escalationLabels, a.escalation)} word={arcWordOf(a.words, 'escalation', label(escalationLabels, a.escalation))} />,
    title: (a) => wordTitle(a, 'escalation', label(escalationLabels, a.escalation)) },
  { id: 'mediaCount', header: 'Recording', size: 95, sortable: true, cell: (a) => (a.mediaCount > 0 ? 'Yes' : 'No') },
  { id: 'trigger', header: 'Trigger', size: 130, sortable: false, cell: (a) => <ARCWordCell value={label(triggerLabels, a.trigger)} word={arcWordOf(a.words, 'trigger', label(triggerLabels, a.trigger))} />,
    title: (a) => wordTitle(a, 'trigger', label(triggerLabels, a.trigger)) },
  { id: 'accuracyM', header: 'Accuracy', size: 90, sortable: true, cell: (a) => formatAccuracy(a.accuracyM) },
  { id: 'knownRisk', header: 'Known-risk location', size: 200, sortable: false },
]
const columnIds = columns.map((c) => c.id)
const columnSizes = Object.fromEntries(columns.map((c) => [c.id, c.size]))
const columnHeaders = Object.fromEntries(columns.map((c) => [c.id, c.header]))
/** The column that names an alert: never hidden. */
const KEEP = 'arcRef'
export const COLUMNS_KEY = 'redline.alerts.columns'

const ROW_HEIGHT = 36

// Columns the database can sort by reading an index (store.IndexedSort). The
// others need a full sort, so they are offered only on narrower filters.
const indexedSorts = new Set(['raisedAt', 'type', 'validity', 'escalation', 'arcRef'])
export const SORT_LIMIT = 100_000

interface FormState {
  from: string
  to: string
  type: string
  validity: string
  teamId: string
  text: string
}

const emptyForm: FormState = { from: '', to: '', type: '', validity: '', teamId: '', text: '' }

/** Newest first, until a column header is chosen. */
const defaultSort: AlertSort = { column: 'raisedAt', desc: true }

function step(chosen: AlertSort | null, column: string): AlertSort | null {
  if (chosen?.column !== column) return { column, desc: false }
  return chosen.desc ? null : { column, desc: true }
}

const sameOrder = (a: AlertSort, b: AlertSort) => a.column === b.column && a.desc === b.desc

/**
 * A column header's button cycles its column through ascending, descending and
 * back to the default order; choosing another column sorts by it ascending.
 * Every click changes the order: on the default order's own column (newest
 * first), "back to the default" would look the same, so it turns ascending.
 */
export function nextSort(chosen: AlertSort | null, column: string): AlertSort | null {
  const next = step(chosen, column)
  return sameOrder(next ?? defaultSort, chosen ?? defaultSort) ? step(next, column) : next
}

function toFilter(f: FormState): AlertFilter {
  return {
    ...emptyFilter,
    from: f.from ? londonDayStart(f.from) : 0,
    to: f.to ? londonDayEnd(f.to) : 0,
    types: f.type ? [f.type] : [],
    validity: f.validity ? [f.validity] : [],
    teamIds: f.teamId ? [Number(f.teamId)] : [],
    text: f.text.trim(),
  }
}

export function AlertsScreen() {
  const [form, setForm] = useState<FormState>(emptyForm)
  // Bumped by Clear filters, so date fields also drop text that never became a date.
  const [cleared, setCleared] = useState(0)
  const [text, setText] = useState('')
  const [teams, setTeams] = useState<Team[]>([])
  // The order chosen from a column header; null falls back to the default, with no column marked.
  const [sorting, setSorting] = useState<AlertSort | null>(defaultSort)
  // The selection remembers the query it was made in, so a new filter or sort
  // drops it at once instead of one render later.
  const [selection, setSelection] = useState<{ id: number; index: number; query: unknown } | null>(() => {
    const id = Number(/^#\/alerts\/(\d+)$/.exec(window.location.hash)?.[1])
    return id ? { id, index: -1, query: 'deep link' } : null
  })

  useEffect(() => {
    alertsApi.teams().then(setTeams, () => setTeams([]))
  }, [])
  // Free text waits for a pause in typing so each key press is not a query.
  useEffect(() => {
    // The same text keeps the same form, so the query (and a deep-linked alert) stays.
    const t = setTimeout(() => setForm((f) => (f.text === text ? f : { ...f, text })), 300)
    return () => clearTimeout(t)
  }, [text])

  const filter = useMemo(() => toFilter(form), [form])
  const sort = sorting ?? defaultSort
  const { total, error, ensure, row, knownRisk, indexOf } = usePagedAlerts(filter, sort)
  // Compared by value: an equal filter made again is the same query.
  const query = useMemo(() => JSON.stringify({ filter, sort }), [filter, sort])
  // A deep link (#/alerts/<id>) opens its alert until the filters first change.
  const [firstQuery] = useState(query)
  const current = (q: unknown) => q === query || (q === 'deep link' && query === firstQuery)
  const selected = selection && current(selection.query) ? selection : null
  const setSelected = (s: { id: number; index: number } | null) => setSelection(s && { ...s, query })
  // A colleague's change reloads the rows (team mode); an alert arriving above the
  // selected one moves it down, and the selection follows the alert, not the row number.
  const movedTo = selected && selected.index >= 0 && row(selected.index)?.id !== selected.id ? indexOf(selected.id) : -1
  const selectedIndex = movedTo >= 0 ? movedTo : selected?.index

  const { first, last, totalHeight, scroller, setScroller, setBody, scrollToIndex } = useRowWindow(total ?? 0, ROW_HEIGHT, 20)
  // The columns chosen, fitted to the table's width now (it narrows when the detail panel opens).
  const cols = useColumns(COLUMNS_KEY, columnIds, KEEP)
  const [room, setRoom] = useState(0)
  useEffect(() => {
    if (!scroller || typeof ResizeObserver === 'undefined') return
    const seen = new ResizeObserver(() => setRoom(scroller.clientWidth))
    seen.observe(scroller)
    return () => seen.disconnect()
  }, [scroller])
  const drawn = fitColumns(cols.choice, columnSizes, room, KEEP)
  const shownColumns = drawn.map((id) => columns.find((c) => c.id === id)!)
  const width = shownColumns.reduce((s, c) => s + c.size, 0)
  useEffect(() => {
    if (last >= first) ensure(first, last)
  }, [first, last, ensure])
  const shownRows = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i)

  const backwards = form.from && form.to && form.from > form.to
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }))

  const select = (index: number) => {
    const a = row(index)
    if (!a) return
    setSelected({ id: a.id, index })
    scrollToIndex(index)
    requestAnimationFrame(() => scroller?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus())
  }
  const onRowKey = (e: React.KeyboardEvent, index: number) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15 }[e.key]
    if (step) {
      e.preventDefault()
      select(Math.max(0, Math.min((total ?? 1) - 1, index + step)))
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      select(index)
    }
  }

  return (
    <div className="screen alerts-screen">
      <header className="screen-header">
        <h1>Alerts</h1>
        <p className="count" aria-live="polite">
          {total == null ? 'Counting…' : `${total.toLocaleString('en-GB')} alert${total === 1 ? '' : 's'}`}
        </p>
        <ColumnsMenu choice={cols.choice} headers={columnHeaders} drawn={drawn} keep={KEEP} toggle={cols.toggle} move={cols.move} reset={cols.reset} />
      </header>
      <form key={cleared} className="filters" role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <UkDateInput label="From" name="from" value={form.from} onChange={(v) => setForm((f) => ({ ...f, from: v }))}
          whenInvalid="Not filtering by this date." />
        <UkDateInput label="To" name="to" value={form.to} onChange={(v) => setForm((f) => ({ ...f, to: v }))}
          whenInvalid="Not filtering by this date." />
        <label>
          Type
          <select value={form.type} onChange={set('type')} name="type">
            <option value="">All types</option>
            <option value="amber">Amber</option>
            <option value="red">Red</option>
          </select>
        </label>
        <label>
          Validity
          <select value={form.validity} onChange={set('validity')} name="validity">
            <option value="">Any validity</option>
            {Object.entries(validityLabels).filter(([k]) => k).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select value={form.teamId} onChange={set('teamId')} name="team">
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
        <label className="grow">
          Search
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} name="text"
            placeholder="Worker, team, ARC or police reference" />
        </label>
        <button type="button" className="secondary" onClick={() => { setForm(emptyForm); setText(''); setCleared((n) => n + 1) }}>
          Clear filters
        </button>
      </form>
      {backwards && (
        <p className="error" role="alert">
          From ({isoToUk(form.from)}) is later than To ({isoToUk(form.to)}), so no alert can match. Change one of them.
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="split">
        <div className="table-wrap" ref={setScroller} role="table" aria-label="Alerts" aria-rowcount={(total ?? 0) + 1}>
          <div className="thead" role="rowgroup" style={{ width }}>
            <div role="row" className="tr">
              {shownColumns.map((c) => {
                const sorted = sorting?.column === c.id ? (sorting.desc ? 'desc' : 'asc') : ''
                const tooMany = !indexedSorts.has(c.id) && (total ?? 0) > SORT_LIMIT
                return (
                  <div role="columnheader" className="th" key={c.id} style={{ width: c.size }}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    {c.sortable ? (
                      <button type="button" className="sort" onClick={() => setSorting((s) => nextSort(s, c.id))} disabled={tooMany}
                        title={tooMany ? `Narrow the filters to under ${SORT_LIMIT.toLocaleString('en-GB')} alerts to sort by this column` : undefined}>
                        {c.header}
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </div>
                )
              })}
            </div>
          </div>
          <div role="rowgroup" className="tbody" ref={setBody} style={{ height: totalHeight, width }}>
            {shownRows.map((index) => {
              const a = row(index)
              const isSel = selectedIndex === index
              return (
                <div key={index} role="row" data-index={index} aria-rowindex={index + 2}
                  aria-selected={isSel} tabIndex={isSel || (!selected && index === 0) ? 0 : -1}
                  className={`tr${isSel ? ' selected' : ''}${a ? '' : ' loading'}`}
                  style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
                  onClick={() => select(index)} onKeyDown={(e) => onRowKey(e, index)}>
                  {a ? (
                    shownColumns.map((c) => {
                      if (c.id === 'knownRisk') {
                        const place = knownRisk(a.id)
                        return (
                          <div role="cell" className="td" key={c.id} data-col={c.id} style={{ width: c.size }} title={place}>
                            {place && <span className="badge badge-risk">{place}</span>}
                          </div>
                        )
                      }
                      return (
                        <div role="cell" className="td" key={c.id} data-col={c.id} style={{ width: c.size }} title={c.title?.(a)}>
                          {c.cell ? c.cell(a) : String(a[c.id] ?? '')}
                        </div>
                      )
                    })
                  ) : (
                    <div role="cell" className="td">Loading…</div>
                  )}
                </div>
              )
            })}
          </div>
          {total === 0 && <p className="empty">No alerts match these filters.</p>}
        </div>
        {selected && <AlertDetailPanel id={selected.id} onClose={() => setSelected(null)} />}
      </div>
    </div>
  )
}
