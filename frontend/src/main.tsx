import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { myWorkApi } from './api/mywork'
import { syncClock } from './ui/clock'
import './styles.css'

// Read the app's clock before the first screen computes "today" from it.
syncClock(myWorkApi.now).finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
})
