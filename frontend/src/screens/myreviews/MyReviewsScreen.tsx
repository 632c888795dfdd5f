import { useEffect, useRef, useState } from 'react'
import { reviewsApi, type AssignedReview } from '../../api/reviews'
import { formatDate } from '../../ui/time'
import { isoToUk } from '../../ui/ukdate'
import { useLoad } from '../../ui/useLoad'
import { ReviewOfCase } from '../review/CaseReview'
import '../review/review.css'
import './myreviews.css'

/** The review a location hash opens (#/my-reviews/12), or 0 for the list. */
export function reviewOf(hash: string): number {
  const m = /^#\/?my-reviews\/(\d+)/.exec(hash)
  return m ? Number(m[1]) : 0
}

/**
 * "My reviews": the line manager's whole window (issue 16). The post-incident
 * reviews assigned to their login, and one review's form alone, without the
 * case page around it: the case facts the review needs, the progress, a form
 * that saves itself, and sign-off under their own login.
 */
export function MyReviewsScreen() {
  const [id, setId] = useState(() => reviewOf(window.location.hash))
  useEffect(() => {
    const onHash = () => setId(reviewOf(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return id ? <OneReview id={id} /> : <ReviewList />
}

function ReviewList() {
  const list = useLoad('mine', () => reviewsApi.mine(), ['reviews'])
  const rows = list.data ?? []
  return (
    <section className="screen my-reviews" aria-labelledby="mr-title">
      <div className="screen-header"><h1 id="mr-title">My reviews</h1></div>
      <p className="muted">The post-incident reviews assigned to you. Open one to complete it; it saves as you type.</p>
      {list.error && <p className="error" role="alert">{list.error}</p>}
      {list.loading && !list.data ? <p>Loading…</p> : rows.length === 0 ? <p>No reviews are assigned to you.</p> : (
        <table className="mini mr-list">
          <caption className="visually-hidden">Reviews assigned to you, soonest due first</caption>
          <thead><tr><th scope="col">Case</th><th scope="col">What happened</th><th scope="col">Incident</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
          <tbody>{rows.map((r) => <ReviewRow key={r.reviewId} r={r} />)}</tbody>
        </table>
      )}
    </section>
  )
}

function ReviewRow({ r }: { r: AssignedReview }) {
  return (
    <tr>
      <td><a href={`#/my-reviews/${r.reviewId}`}>Review of {r.caseRef}</a></td>
      <td>{r.caseTitle}</td>
      <td>{formatDate(r.incidentAt)}</td>
      <td>{r.dueOn ? isoToUk(r.dueOn) : 'Not set'}</td>
      <td>{r.signedOffAt ? <span className="signed-badge">Signed off</span> : 'To complete'}</td>
    </tr>
  )
}

function OneReview({ id }: { id: number }) {
  const review = useLoad(id, reviewsApi.get, ['reviews', 'review_actions', 'review_factors'])
  const cat = useLoad('review catalogue', reviewsApi.catalogue)
  const facts = useLoad('mine', () => reviewsApi.mine(), ['reviews'])
  const fact = facts.data?.find((r) => r.reviewId === id)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [id])
  const error = review.error || cat.error
  const v = review.data
  return (
    <section className="screen my-review" aria-labelledby="mr-one">
      <p><a href="#/my-reviews">Back to my reviews</a></p>
      <h1 id="mr-one" ref={heading} tabIndex={-1}>Post-incident review{v ? ` of ${v.review.caseRef}` : ''}</h1>
      {v && (
        <dl className="facts mr-facts">
          <dt>What happened</dt><dd>{v.review.caseTitle}</dd>
          {fact && <><dt>When</dt><dd>{formatDate(fact.incidentAt)}</dd></>}
          <dt>Due</dt><dd>{v.review.dueOn ? isoToUk(v.review.dueOn) : 'Not set'}</dd>
          <dt>Assigned by</dt><dd>{v.review.assignedBy}</dd>
        </dl>
      )}
      <div className="case-review mr-form">
        {!v || !cat.data ? (error ? <p className="error" role="alert">{error}</p> : <p>Loading…</p>)
          : <ReviewOfCase key={id} caseId={v.review.caseId} v={v} cat={cat.data} show={review.set} mine />}
      </div>
    </section>
  )
}
