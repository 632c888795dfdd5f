import { useEffect, useMemo, useRef, useState } from 'react'
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { alertsApi, emptyFilter, type Alert, type AlertFilter, type Team } from '../../api/alerts'
import { formatDateTime, londonDayEnd, londonDayStart } from '../../ui/time'
import { escalationLabels, formatAccuracy, label, triggerLabels, typeLabels, validityLabels } from '../../ui/labels'
import { usePagedAlerts } from './usePagedAlerts'
import { UkDateInput } from '../../ui/UkDateInput'
import { AlertDetailPanel } from './AlertDetailPanel'

const col = createColumnHelper<Alert>()

const columns = [
  col.accessor('raisedAt', { header: 'Raised (UK time)', cell: (c) => formatDateTime(c.getValue()), size: 170 }),
  col.accessor('type', {
    header: 'Type',
    cell: (c) => <span className={`badge badge-${c.getValue()}`}>{label(typeLabels, c.getValue())}</span>,
    size: 80,
  }),
  col.accessor('trigger', { header: 'Trigger', cell: (c) => label(triggerLabels, c.getValue()), size: 130, enableSorting: false }),
  col.accessor('workerName', { header: 'Lone worker', size: 170 }),
  col.accessor('teamName', { header: 'Team', size: 240 }),
  col.accessor('validity', {
    header: 'Validity',
    // Amber alerts are logs, not alarms: the ARC never closes them with a validity.
    cell: (c) => (c.row.original.type === 'amber' ? <span aria-label="Not applicable">—</span> : label(validityLabels, c.getValue())),
    size: 150,
  }),
  col.accessor('escalation', { header: 'Escalation', cell: (c) => label(escalationLabels, c.getValue()), size: 140 }),
  col.accessor('accuracyM', { header: 'Accuracy', cell: (c) => formatAccuracy(c.getValue()), size: 90 }),
  col.accessor('mediaCount', {
    header: 'Recording',
    cell: (c) => (c.getValue() > 0 ? 'Yes' : 'No'),
    size: 95,
  }),
  col.accessor('arcRef', { header: 'ARC reference', size: 130 }),
  col.display({ id: 'knownRisk', header: 'Known-risk location', size: 200 }),
]

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
  const [text, setText] = useState('')
  const [teams, setTeams] = useState<Team[]>([])
  const [sorting, setSorting] = useState<SortingState>([{ id: 'raisedAt', desc: true }])
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
    const t = setTimeout(() => setForm((f) => ({ ...f, text })), 300)
    return () => clearTimeout(t)
  }, [text])

  const filter = useMemo(() => toFilter(form), [form])
  const sort = useMemo(() => ({ column: sorting[0]?.id ?? 'raisedAt', desc: sorting[0]?.desc ?? true }), [sorting])
  const { total, error, ensure, row, knownRisk } = usePagedAlerts(filter, sort)
  const query = useMemo(() => ({ filter, sort }), [filter, sort])
  // A deep link (#/alerts/<id>) opens its alert until the filters first change.
  const firstQuery = useRef(query)
  const current = (q: unknown) => q === query || (q === 'deep link' && query === firstQuery.current)
  const selected = selection && current(selection.query) ? selection : null
  const setSelected = (s: { id: number; index: number } | null) => setSelection(s && { ...s, query })

  const table = useReactTable({
    data: [] as Alert[],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  })

  const scroller = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const items = virtual.getVirtualItems()
  useEffect(() => {
    if (items.length) ensure(items[0].index, items[items.length - 1].index)
  }, [items, ensure])

  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }))
  const width = table.getVisibleLeafColumns().reduce((s, c) => s + c.getSize(), 0)

  const select = (index: number) => {
    const a = row(index)
    if (!a) return
    setSelected({ id: a.id, index })
    virtual.scrollToIndex(index, { align: 'auto' })
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus())
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
      </header>
      <form className="filters" role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <UkDateInput label="From" name="from" value={form.from} onChange={(v) => setForm((f) => ({ ...f, from: v }))} />
        <UkDateInput label="To" name="to" value={form.to} onChange={(v) => setForm((f) => ({ ...f, to: v }))} />
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
        <button type="button" className="secondary" onClick={() => { setForm(emptyForm); setText('') }}>
          Clear filters
        </button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="split">
        <div className="table-wrap" ref={scroller} role="table" aria-label="Alerts" aria-rowcount={(total ?? 0) + 1}>
          <div className="thead" role="rowgroup" style={{ width }}>
            {table.getHeaderGroups().map((hg) => (
              <div role="row" className="tr" key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted()
                  return (
                    <div role="columnheader" className="th" key={h.id} style={{ width: h.getSize() }}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                      {h.column.getCanSort() ? (
                        <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}
                          disabled={!indexedSorts.has(h.column.id) && (total ?? 0) > SORT_LIMIT}
                          title={!indexedSorts.has(h.column.id) && (total ?? 0) > SORT_LIMIT
                            ? `Narrow the filters to under ${SORT_LIMIT.toLocaleString('en-GB')} alerts to sort by this column` : undefined}>
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </div>
                  )
                })}
              </div>
            ))}
          </div>
          <div role="rowgroup" className="tbody" style={{ height: virtual.getTotalSize(), width }}>
            {items.map((vi) => {
              const a = row(vi.index)
              const isSel = selected?.index === vi.index
              return (
                <div key={vi.key} role="row" data-index={vi.index} aria-rowindex={vi.index + 2}
                  aria-selected={isSel} tabIndex={isSel || (!selected && vi.index === 0) ? 0 : -1}
                  className={`tr${isSel ? ' selected' : ''}${a ? '' : ' loading'}`}
                  style={{ transform: `translateY(${vi.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => select(vi.index)} onKeyDown={(e) => onRowKey(e, vi.index)}>
                  {a ? (
                    columns.map((c) => {
                      const key = (c as { accessorKey?: keyof Alert }).accessorKey
                      if (!key) {
                        const place = knownRisk(a.id)
                        return (
                          <div role="cell" className="td" key="knownRisk" style={{ width: c.size }} title={place}>
                            {place && <span className="badge badge-risk">{place}</span>}
                          </div>
                        )
                      }
                      const v = a[key]
                      const cell = c.cell as (ctx: { getValue: () => unknown; row: { original: Alert } }) => React.ReactNode
                      return (
                        <div role="cell" className="td" key={String(key)} style={{ width: c.size }}>
                          {typeof cell === 'function' ? cell({ getValue: () => v, row: { original: a } }) : String(v ?? '')}
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
