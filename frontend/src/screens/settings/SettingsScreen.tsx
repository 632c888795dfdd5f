import { useEffect, useState, type ReactNode } from 'react'
import { mapsApi } from '../../api/maps'
import { workspaceApi, type AboutInfo } from '../../api/workspace'
import { LetterSettingsForm } from '../letters/LetterSettingsForm'
import { TemplatesPanel } from '../letters/TemplatesPanel'
import { MapSettingsPanel } from '../map/MapSettingsPanel'
import { BandSettings } from '../risks/BandSettings'
import { EvidenceCheck } from './EvidenceCheck'
import { ExhibitSettings } from './ExhibitSettings'
import { ImportProfiles } from './ImportProfiles'
import { RetentionSettings } from './RetentionSettings'
import { TeamDatabaseSettings } from './TeamDatabaseSettings'
import { TranscriptionSettings } from './TranscriptionSettings'
import './settings.css'

type MapSettingsView = Awaited<ReturnType<typeof mapsApi.settings>>

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`set-${id}`} id={`settings-${id}`}>
      <h2 id={`set-${id}`}>{title}</h2>
      {children}
    </section>
  )
}

/** One place for the trust's choices; each section belongs to the area it configures. */
export function SettingsScreen() {
  const [about, setAbout] = useState<AboutInfo | null>(null)
  const [map, setMap] = useState<MapSettingsView | null>(null)
  useEffect(() => {
    workspaceApi.about().then(setAbout, () => setAbout(null))
    mapsApi.settings().then(setMap, () => setMap(null))
  }, [])
  return (
    <div className="screen settings-screen">
      <header className="screen-header"><h1>Settings</h1></header>
      <Section id="data" title="This laptop">
        <dl className="facts">
          <dt>Data folder</dt><dd><code>{about?.dataDir}</code></dd>
          <dt>Database</dt><dd><code>{about?.database}</code></dd>
          <dt>Network</dt>
          <dd>{about?.team
            ? 'Redline talks to your trust\'s team database over an encrypted connection (unencrypted only to this computer), and to a map tile server if you set one below.'
            : 'Redline sends nothing over the network. The only exception is a map tile server, if you set one below.'}</dd>
        </dl>
      </Section>
      <Section id="team" title="Team database">
        <TeamDatabaseSettings />
      </Section>
      <Section id="retention" title="Keeping and destroying recordings">
        <RetentionSettings />
      </Section>
      <Section id="evidence" title="Evidence check">
        <EvidenceCheck />
      </Section>
      <Section id="exhibits" title="Exhibits">
        <ExhibitSettings />
      </Section>
      <Section id="letters" title="Letters">
        <LetterSettingsForm />
        <h3>Letter templates</h3>
        <TemplatesPanel />
      </Section>
      <Section id="risk" title="Risk matrix bands">
        <BandSettings />
      </Section>
      <Section id="map" title="Map">
        <MapSettingsPanel settings={map} onSaved={setMap} />
      </Section>
      <TranscriptionSettings />
      <ImportProfiles />
    </div>
  )
}
