-- Indexes that keep every sortable column and reference search fast at a
-- million alerts: each sort reads an index in order instead of sorting.
CREATE INDEX alerts_escalation_raised ON alerts(escalation, raised_at);
CREATE INDEX alerts_arcref_nocase ON alerts(arc_ref COLLATE NOCASE);
CREATE INDEX alerts_policeref_nocase ON alerts(police_ref COLLATE NOCASE);
