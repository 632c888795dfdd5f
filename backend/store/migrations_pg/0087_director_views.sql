-- The security director's Reports, from the database's own aggregates
-- (issue 16). The director's login reads no table of alerts, cases, triage,
-- reviews or risks; these functions run as the tables' owner and return only
-- counts per period, team, staff group or category, never a name, an id of a
-- person or an alert, or any free text. Small counts are hidden here, in the
-- database, by the rule the trends code uses for sharing
-- (backend/trends/suppress.go): a count from 1 to 7 comes back as NULL with
-- suppressed true, and where cells that add up to a shown total would give a
-- hidden one away, a further cell is hidden too (redline_trend_secondary);
-- every other count comes back as it is (the rounding to 5 for sharing beyond
-- the security team is the caller's, as for the LSMS). A rate or median
-- resting on a hidden count is hidden by the caller; a median resting on 1 to
-- 7 records is hidden here.
--
-- The functions read whole London months or weeks alone (redline_trend_check):
-- windows a second apart would give single alerts away by subtraction.
--
-- Each function answers exactly what one screen's figure shows, so a total
-- is the database's total, never a sum of cells some of which are hidden.
-- Figures are named 'red', 'validity:false', 'team:4:incidents' and so on;
-- backend/store/trendsdirector.go reads them. Validities and escalations the
-- ARC wrote outside the known ones are counted under 'other' (escalations) or
-- not at all (validities, as the Reports screen shows only the known six),
-- so nothing the ARC typed reaches the director.

-- The threshold, in one place: counts 1 to this are hidden.
CREATE FUNCTION redline_trend_hide_up_to() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 7 $$;

-- A figure as the director may see it.
CREATE FUNCTION redline_trend_hidden(n bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT n BETWEEN 1 AND redline_trend_hide_up_to()
$$;

-- A London day (yyyy-mm-dd) of a Unix instant, as the trends code writes them.
CREATE FUNCTION redline_trend_day(t bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(to_timestamp(t) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')
$$;

-- The Reports read whole periods alone: London months (the 1st at midnight
-- to the next 1st) or weeks (Monday at midnight to the next Monday), or a
-- range of them. So no one can narrow a window down to single alerts by
-- asking for two that differ by a second and subtracting.
CREATE FUNCTION redline_trend_check(p_from bigint, p_to bigint, one_period boolean) RETURNS void
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    f timestamp := to_timestamp(p_from) AT TIME ZONE 'Europe/London';
    t timestamp := to_timestamp(p_to) AT TIME ZONE 'Europe/London';
    months boolean := f = date_trunc('month', f) AND t = date_trunc('month', t);
    weeks boolean := f = date_trunc('week', f) AND t = date_trunc('week', t);
BEGIN
    IF one_period THEN
        months := months AND t = f + interval '1 month';
        weeks := weeks AND t = f + interval '7 days';
    END IF;
    IF p_to <= p_from OR NOT (months OR weeks) THEN
        RAISE EXCEPTION 'the Reports read whole London months or weeks (Monday to Monday), not % to %', f, t
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END $$;

-- The first month with an alert ('' with none): where the Reports start.
CREATE FUNCTION redline_trend_first_month() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT coalesce(min(month), '') FROM alert_month_counts WHERE n > 0
$$;

-- The staff groups with lone workers, as the screen lists them (by name,
-- "no staff group" first), and all of them with their head count.
CREATE FUNCTION redline_trend_group_sizes() RETURNS TABLE(id bigint, name text, workers bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT g.id, g.name, (SELECT count(*) FROM workers w LEFT JOIN teams t ON t.id = w.team_id
        WHERE coalesce(w.staff_group_id, t.staff_group_id, 0) = g.id)
    FROM (SELECT id, name FROM staff_groups UNION ALL SELECT 0, '') g ORDER BY g.name
$$;

-- The exact figures of one period and of a whole range, for the two
-- functions below alone (no one is granted them).
CREATE FUNCTION redline_trend_period_exact(p_from bigint, p_to bigint, p_end bigint)
    RETURNS TABLE(figure text, n bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
WITH red AS (
    SELECT a.validity, a.escalation, a.answered_at - a.raised_at AS answer_secs,
        coalesce(w.staff_group_id, t.staff_group_id, 0) AS grp
    FROM alerts a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN teams t ON t.id = a.team_id
    WHERE a.type = 'red' AND a.raised_at >= p_from AND a.raised_at < p_to
), decided AS (
    SELECT d.route FROM case_decisions d WHERE d.decided_at >= p_from AND d.decided_at < p_to
        AND NOT EXISTS (SELECT 1 FROM case_decisions s WHERE s.supersedes = d.id)
), moves AS (
    SELECT s.rating, (SELECT p.rating FROM risk_scores p WHERE p.risk_id = s.risk_id AND p.kind = 'current'
        AND p.id < s.id ORDER BY p.id DESC LIMIT 1) AS prev
    FROM risk_scores s WHERE s.kind = 'current' AND s.scored_at >= p_from AND s.scored_at < p_to
), registered AS (
    SELECT count(*) AS n FROM workers w JOIN teams t ON t.id = w.team_id
), amber_users AS (
    SELECT count(*) AS n FROM workers w WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.worker_id = w.id
        AND a.raised_at >= p_from AND a.raised_at < p_to AND a.type = 'amber')
), exact(figure, n) AS (
    SELECT 'amber', count(*) FROM alerts WHERE type = 'amber' AND raised_at >= p_from AND raised_at < p_to
    UNION ALL SELECT 'red', count(*) FROM red
    UNION ALL SELECT 'incidents', count(*) FROM red WHERE validity IN ('genuine', 'precautionary')
    UNION ALL SELECT 'validity:' || v, (SELECT count(*) FROM red WHERE validity = v)
        FROM unnest(ARRAY['genuine', 'precautionary', 'false', 'test', 'duplicate', 'auto_closed']) v
    UNION ALL SELECT 'escalation:' || e, (SELECT count(*) FROM red WHERE escalation = e)
        FROM unnest(ARRAY['none', 'contact', '101', '999', 'urn']) e
    UNION ALL SELECT 'escalation:other', count(*) FROM red WHERE escalation NOT IN ('none', 'contact', '101', '999', 'urn')
    UNION ALL SELECT 'police', count(*) FROM red WHERE escalation IN ('101', '999', 'urn')
    UNION ALL SELECT 'group_incidents:' || grp, count(*) FROM red WHERE validity IN ('genuine', 'precautionary') GROUP BY grp
    UNION ALL SELECT 'answered', count(answer_secs) FROM red
    UNION ALL SELECT 'within10', count(*) FROM red WHERE answer_secs <= 10
    UNION ALL SELECT 'within40', count(*) FROM red WHERE answer_secs <= 40
    UNION ALL SELECT 'criminal', count(*) FROM decided WHERE route IN ('police', 'private_prosecution')
    UNION ALL SELECT 'sanction_letter', count(*) FROM decided WHERE route = 'sanction_letter'
    UNION ALL SELECT 'sanctioned', count(*) FROM decided WHERE route IN ('police', 'private_prosecution', 'sanction_letter')
    UNION ALL SELECT 'decisions', count(*) FROM decided
    UNION ALL SELECT 'issued', count(*) FROM letters WHERE kind = 'sanction'
        AND issued_on >= redline_trend_day(p_from) AND issued_on < redline_trend_day(p_to)
    UNION ALL SELECT 'breached', count(*) FROM letters WHERE kind = 'sanction' AND status = 'breached'
        AND ended_on >= redline_trend_day(p_from) AND ended_on < redline_trend_day(p_to)
    UNION ALL SELECT 'expired', count(*) FROM letters WHERE kind = 'sanction' AND status = 'expired'
        AND ended_on >= redline_trend_day(p_from) AND ended_on < redline_trend_day(p_to)
    UNION ALL SELECT 'reviews', count(*) FROM reviews WHERE signed_off_at >= p_from AND signed_off_at < p_to
    UNION ALL SELECT 'reviews_in_time', count(*) FROM reviews WHERE signed_off_at >= p_from AND signed_off_at < p_to
        AND (due_on = '' OR redline_trend_day(signed_off_at) <= due_on)
    UNION ALL SELECT 'overdue', count(*) FROM review_actions WHERE due_on <> '' AND due_on < redline_trend_day(p_end)
        AND created_at < p_end AND (status IN ('open', 'in_progress') OR updated_at >= p_end)
    UNION ALL SELECT 'riddor', count(*) FROM cases
        WHERE riddor_reported_on <> '' AND incident_at >= p_from AND incident_at < p_to
    UNION ALL SELECT 'riddor_in_time', count(*) FROM cases
        WHERE riddor_reported_on ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
        AND incident_at >= p_from AND incident_at < p_to
        AND riddor_reported_on <= to_char((to_timestamp(incident_at) AT TIME ZONE 'Europe/London')::date + 15, 'YYYY-MM-DD')
    UNION ALL SELECT 'destroyed', count(*) FROM destruction_records WHERE destroyed_at >= p_from AND destroyed_at < p_to
    UNION ALL SELECT 'destroyed_on_time', count(*) FROM destruction_records
        WHERE destroyed_at >= p_from AND destroyed_at < p_to AND destroyed_at <= due_at + 86400
    UNION ALL SELECT 'no_amber', registered.n - amber_users.n FROM registered, amber_users
    UNION ALL SELECT 'risk_down', count(*) FROM moves WHERE rating < prev
    UNION ALL SELECT 'risk_up', count(*) FROM moves WHERE rating > prev
    UNION ALL SELECT 'risk_same', count(*) FROM moves WHERE rating = prev
)
SELECT figure, n FROM exact
$$;

CREATE FUNCTION redline_trend_range_exact(p_from bigint, p_to bigint)
    RETURNS TABLE(figure text, n bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
WITH red_in AS (
    SELECT a.validity, a.team_id, coalesce(w.staff_group_id, t.staff_group_id, 0) AS grp
    FROM alerts a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN teams t ON t.id = a.team_id
    WHERE a.type = 'red' AND a.raised_at >= p_from AND a.raised_at < p_to
), team_alerts AS (
    SELECT team_id, count(*) AS red, count(*) FILTER (WHERE validity IN ('genuine', 'precautionary')) AS incidents
    FROM red_in GROUP BY team_id
), team_amber AS (
    -- Each worker's alerts through (worker_id, raised_at), stopping at the
    -- first amber: a probe per worker, not a pass over every amber alert.
    SELECT w.team_id, count(*) AS n FROM workers w
    WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.worker_id = w.id AND a.raised_at >= p_from AND a.raised_at < p_to
        AND a.type = 'amber')
    GROUP BY w.team_id
), team AS (
    SELECT t.id, (SELECT count(*) FROM workers w WHERE w.team_id = t.id) AS workers,
        coalesce(ta.red, 0) AS red, coalesce(ta.incidents, 0) AS incidents, coalesce(am.n, 0) AS amber_users
    FROM teams t LEFT JOIN team_alerts ta ON ta.team_id = t.id LEFT JOIN team_amber am ON am.team_id = t.id
), grp_red AS (
    SELECT grp, count(*) AS red, count(*) FILTER (WHERE validity IN ('genuine', 'precautionary')) AS incidents
    FROM red_in GROUP BY grp
), grp_alerts AS (
    SELECT g.id, g.workers, coalesce(r.red, 0) AS red, coalesce(r.incidents, 0) AS incidents
    FROM redline_trend_group_sizes() g LEFT JOIN grp_red r ON r.grp = g.id
), bands AS (
    SELECT s.band, count(*) AS n FROM risks r JOIN risk_scores s ON s.risk_id = r.id
    WHERE r.status = 'open' AND s.kind = 'current'
        AND s.id = (SELECT max(l.id) FROM risk_scores l WHERE l.risk_id = r.id AND l.kind = 'current')
    GROUP BY s.band
), exact(figure, n) AS (
    SELECT 'workers', coalesce(sum(workers), 0)::bigint FROM team
    UNION ALL SELECT 'team:' || id || ':workers', workers FROM team
    UNION ALL SELECT 'team:' || id || ':red', red FROM team
    UNION ALL SELECT 'team:' || id || ':incidents', incidents FROM team
    UNION ALL SELECT 'team:' || id || ':no_amber', greatest(workers - amber_users, 0) FROM team
    UNION ALL SELECT 'teams:workers', coalesce(sum(workers), 0)::bigint FROM team
    UNION ALL SELECT 'teams:red', coalesce(sum(red), 0)::bigint FROM team
    UNION ALL SELECT 'teams:incidents', coalesce(sum(incidents), 0)::bigint FROM team
    UNION ALL SELECT 'teams:no_amber', coalesce(sum(greatest(workers - amber_users, 0)), 0)::bigint FROM team
    UNION ALL SELECT 'group:' || id || ':workers', workers FROM grp_alerts
    UNION ALL SELECT 'group:' || id || ':red', red FROM grp_alerts
    UNION ALL SELECT 'group:' || id || ':incidents', incidents FROM grp_alerts
    UNION ALL SELECT 'groups:workers', coalesce(sum(workers), 0)::bigint FROM grp_alerts
    UNION ALL SELECT 'groups:red', coalesce(sum(red), 0)::bigint FROM grp_alerts
    UNION ALL SELECT 'groups:incidents', coalesce(sum(incidents), 0)::bigint FROM grp_alerts
    UNION ALL SELECT 'held', count(DISTINCT m.id) FROM media m JOIN case_alerts ca ON ca.alert_id = m.alert_id
        JOIN cases c ON c.id = ca.case_id WHERE m.destroyed_at IS NULL AND c.legal_hold = 1
    UNION ALL SELECT 'open_risks:' || band, n FROM bands
)
SELECT figure, n FROM exact
$$;

-- Secondary suppression, as the trends code does for sharing
-- (SecondarySuppress): where cells add up to a total that is shown, and
-- exactly one non-zero cell is hidden, the total and the other cells would
-- give it away, so the smallest other non-zero cell is hidden too (the first
-- of equals, in the screen's order), or with none the total (unless
-- keep_total: a total that is only checked against, not shown beside them).
-- Returns hidden with what it adds.
CREATE FUNCTION redline_trend_secondary(figs jsonb, hidden text[], cells text[], total text, keep_total boolean DEFAULT false)
    RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    c text;
    v bigint;
    n_hidden int := 0;
    pick text;
    pick_n bigint;
BEGIN
    IF total = ANY(hidden) OR cells IS NULL THEN
        RETURN hidden;
    END IF;
    FOREACH c IN ARRAY cells LOOP
        v := coalesce((figs->>c)::bigint, 0);
        IF c = ANY(hidden) THEN
            n_hidden := n_hidden + 1;
        ELSIF v > 0 AND (pick IS NULL OR v < pick_n) THEN
            pick := c;
            pick_n := v;
        END IF;
    END LOOP;
    IF n_hidden <> 1 THEN
        RETURN hidden;
    ELSIF pick IS NOT NULL THEN
        RETURN hidden || pick;
    ELSIF keep_total THEN
        RETURN hidden;
    END IF;
    RETURN hidden || total;
END $$;

-- Exact figures as the director may see them: counts 1 to 7 hidden, then
-- secondary suppression over each set of cells that adds up to a total.
CREATE FUNCTION redline_trend_publish(figs jsonb, hidden text[])
    RETURNS TABLE(figure text, n bigint, suppressed boolean) LANGUAGE sql IMMUTABLE AS $$
    SELECT key, CASE WHEN key = ANY(hidden) THEN NULL ELSE value::bigint END, key = ANY(hidden) FROM jsonb_each_text(figs)
$$;

-- One period [p_from, p_to) of every per-period measure; p_end is the instant
-- the period's overdue actions are counted at (its end, or now if sooner).
CREATE FUNCTION redline_trend_period(p_from bigint, p_to bigint, p_end bigint)
    RETURNS TABLE(figure text, n bigint, suppressed boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    figs jsonb;
    hidden text[];
BEGIN
    PERFORM redline_trend_check(p_from, p_to, true);
    IF p_end < p_from OR p_end > p_to THEN
        RAISE EXCEPTION 'overdue actions are counted at an instant of the period' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT jsonb_object_agg(e.figure, e.n), coalesce(array_agg(e.figure) FILTER (WHERE redline_trend_hidden(e.n)), '{}')
        INTO figs, hidden FROM redline_trend_period_exact(p_from, p_to, p_end) e;
    hidden := redline_trend_secondary(figs, hidden, ARRAY['validity:genuine', 'validity:precautionary', 'validity:false',
        'validity:test', 'validity:duplicate', 'validity:auto_closed'], 'red');
    hidden := redline_trend_secondary(figs, hidden,
        (SELECT array_agg('group_incidents:' || g.id ORDER BY g.name) FROM redline_trend_group_sizes() g WHERE g.workers > 0), 'incidents');
    hidden := redline_trend_secondary(figs, hidden, ARRAY['escalation:101', 'escalation:999', 'escalation:urn'], 'police');
    hidden := redline_trend_secondary(figs, hidden, ARRAY['escalation:none', 'escalation:contact', 'escalation:101',
        'escalation:999', 'escalation:urn', 'escalation:other'], 'red', true);
    RETURN QUERY SELECT * FROM redline_trend_publish(figs, hidden);
END $$;

-- The whole range [p_from, p_to): lone workers on the register, each team's
-- and staff group's head count, red alerts, incidents and (teams) lone
-- workers with no amber alert, each column's cells suppressed against its
-- total row; recordings on legal hold and open risks by band as they stand.
CREATE FUNCTION redline_trend_range(p_from bigint, p_to bigint)
    RETURNS TABLE(figure text, n bigint, suppressed boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    figs jsonb;
    hidden text[];
    col text;
    teams_in text[];
    groups_in text[];
BEGIN
    PERFORM redline_trend_check(p_from, p_to, false);
    SELECT jsonb_object_agg(e.figure, e.n), coalesce(array_agg(e.figure) FILTER (WHERE redline_trend_hidden(e.n)), '{}')
        INTO figs, hidden FROM redline_trend_range_exact(p_from, p_to) e;
    SELECT array_agg('team:' || t.id || ':' ORDER BY t.name) INTO teams_in FROM teams t;
    -- A staff group with no lone workers and no red alerts is not a row.
    SELECT array_agg('group:' || g.id || ':' ORDER BY g.name) INTO groups_in FROM redline_trend_group_sizes() g
        WHERE g.workers > 0 OR coalesce((figs->>('group:' || g.id || ':red'))::bigint, 0) > 0;
    FOREACH col IN ARRAY ARRAY['workers', 'red', 'incidents', 'no_amber'] LOOP
        hidden := redline_trend_secondary(figs, hidden, (SELECT array_agg(k || col ORDER BY i) FROM unnest(teams_in) WITH ORDINALITY u(k, i)),
            'teams:' || col);
    END LOOP;
    FOREACH col IN ARRAY ARRAY['workers', 'red', 'incidents'] LOOP
        hidden := redline_trend_secondary(figs, hidden, (SELECT array_agg(k || col ORDER BY i) FROM unnest(groups_in) WITH ORDINALITY u(k, i)),
            'groups:' || col);
    END LOOP;
    RETURN QUERY SELECT * FROM redline_trend_publish(figs, hidden);
END $$;

-- The median seconds from a period's red alerts to their first triage and to
-- the first decision on a case they belong to, with how many alerts each
-- rests on; both hidden when that is 1 to 7.
CREATE FUNCTION redline_trend_delays(p_from bigint, p_to bigint)
    RETURNS TABLE(figure text, records bigint, median_seconds double precision, suppressed boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM redline_trend_check(p_from, p_to, true);
    RETURN QUERY
WITH d AS (
    SELECT (SELECT min(t.categorised_at) FROM alert_triage t WHERE t.alert_id = a.id) - a.raised_at AS triage,
        (SELECT min(c.decided_at) FROM case_alerts ca JOIN case_decisions c ON c.case_id = ca.case_id
            WHERE ca.alert_id = a.id) - a.raised_at AS decision
    FROM alerts a WHERE a.type = 'red' AND a.raised_at >= p_from AND a.raised_at < p_to
), exact(figure, records, med) AS (
    SELECT 'triage', count(*) FILTER (WHERE triage >= 0),
        percentile_cont(0.5) WITHIN GROUP (ORDER BY triage) FILTER (WHERE triage >= 0) FROM d
    UNION ALL SELECT 'decision', count(*) FILTER (WHERE decision >= 0),
        percentile_cont(0.5) WITHIN GROUP (ORDER BY decision) FILTER (WHERE decision >= 0) FROM d
)
SELECT figure, CASE WHEN redline_trend_hidden(records) THEN NULL ELSE records END,
    CASE WHEN redline_trend_hidden(records) THEN NULL ELSE med END, redline_trend_hidden(records)
FROM exact;
END $$;

-- Re-scores of current risk in [p_from, p_to) from the band of the previous
-- current score to the new one, with the lowest rating seen in each band (so
-- the screen can order a trust's bands) and how many.
CREATE FUNCTION redline_trend_band_moves(p_from bigint, p_to bigint)
    RETURNS TABLE(from_band text, to_band text, from_rating bigint, to_rating bigint, n bigint, suppressed boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM redline_trend_check(p_from, p_to, false);
    RETURN QUERY
WITH moves AS (
    SELECT sc.band, sc.rating,
        (SELECT p.band FROM risk_scores p WHERE p.risk_id = sc.risk_id AND p.kind = 'current' AND p.id < sc.id
            ORDER BY p.id DESC LIMIT 1) AS prev_band,
        (SELECT p.rating FROM risk_scores p WHERE p.risk_id = sc.risk_id AND p.kind = 'current' AND p.id < sc.id
            ORDER BY p.id DESC LIMIT 1) AS prev_rating
    FROM risk_scores sc WHERE sc.kind = 'current' AND sc.scored_at >= p_from AND sc.scored_at < p_to
), exact AS (
    SELECT prev_band, band, min(prev_rating)::bigint AS fr, min(rating)::bigint AS tr, count(*) AS n
    FROM moves WHERE prev_band IS NOT NULL GROUP BY prev_band, band
)
SELECT prev_band, band, fr, tr, CASE WHEN redline_trend_hidden(n) THEN NULL ELSE n END, redline_trend_hidden(n) FROM exact;
END $$;

REVOKE ALL ON FUNCTION redline_trend_period_exact(bigint, bigint, bigint), redline_trend_range_exact(bigint, bigint),
    redline_trend_group_sizes() FROM PUBLIC;
REVOKE ALL ON FUNCTION redline_trend_first_month(), redline_trend_period(bigint, bigint, bigint),
    redline_trend_delays(bigint, bigint), redline_trend_range(bigint, bigint), redline_trend_band_moves(bigint, bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_trend_first_month(), redline_trend_period(bigint, bigint, bigint),
    redline_trend_delays(bigint, bigint), redline_trend_range(bigint, bigint), redline_trend_band_moves(bigint, bigint)
    TO redline_director, redline_lsms;
