export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <div className="screen">
      <header className="screen-header"><h1>{title}</h1></header>
      <div className="panel">
        <p><strong>Coming soon.</strong> {what}</p>
      </div>
    </div>
  )
}
