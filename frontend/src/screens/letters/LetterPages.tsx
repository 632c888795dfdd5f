import { useEffect, useRef, useState } from 'react'
import { lettersApi } from '../../api/letters'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

/** CSS pixels across a previewed page: A4 at about two thirds of its printed size. */
const PAGE_WIDTH = 400

/**
 * The letter's stored PDF drawn page by page, as it will print, so it is
 * checked as laid out before approval. pdf.js draws into canvases in the app's
 * own page (no plug-in, no frame, nothing outside the app); the words are
 * also listed as text below, for screen readers and for copying.
 */
export function LetterPages({ id, refText, sha }: { id: number; refText: string; sha: string }) {
  const holder = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<{ pages: number; error: string }>({ pages: 0, error: '' })
  useEffect(() => {
    let live = true
    const el = holder.current
    ;(async () => {
      const bytes = await lettersApi.pdf(id)
      const pdfjs = await import('pdfjs-dist')
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
      const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise
      const canvases: HTMLCanvasElement[] = []
      for (let n = 1; n <= doc.numPages && live; n++) {
        const page = await doc.getPage(n)
        const scale = PAGE_WIDTH / page.getViewport({ scale: 1 }).width
        const ratio = window.devicePixelRatio || 1
        const view = page.getViewport({ scale: scale * ratio })
        const canvas = document.createElement('canvas')
        canvas.width = Math.round(view.width)
        canvas.height = Math.round(view.height)
        canvas.className = 'letter-page'
        canvas.setAttribute('role', 'img')
        canvas.setAttribute('aria-label', `Page ${n} of ${doc.numPages} of letter ${refText}`)
        await page.render({ canvasContext: canvas.getContext('2d')!, viewport: view }).promise
        canvases.push(canvas)
      }
      await doc.destroy()
      if (!live || !el) return
      el.replaceChildren(...canvases)
      setState({ pages: canvases.length, error: '' })
    })().catch((e: Error) => { if (live) setState({ pages: 0, error: `The letter's pages could not be shown (${e.message}). Save it as PDF to see it.` }) })
    return () => { live = false; el?.replaceChildren() }
  }, [id, refText, sha])
  return (
    <div className="letter-pages">
      <p className="muted small" aria-live="polite">{state.error ? '' : state.pages ? `${state.pages} page${state.pages === 1 ? '' : 's'}, as it will print.` : 'Drawing the letter\u2019s pages…'}</p>
      {state.error && <p className="error" role="alert">{state.error}</p>}
      {/* It scrolls when the pages are taller than it, so the keyboard can reach it too. */}
      <div ref={holder} className="letter-pages-holder" tabIndex={0} role="region" aria-label={`Pages of letter ${refText}`} />
    </div>
  )
}
