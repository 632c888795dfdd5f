-- The port of migrations/0003_alert_sort_indexes.sql (nocase is made in 0001).
CREATE INDEX alerts_escalation_raised ON alerts(escalation, raised_at);
CREATE INDEX alerts_arcref_nocase ON alerts(arc_ref COLLATE nocase);
CREATE INDEX alerts_policeref_nocase ON alerts(police_ref COLLATE nocase);
