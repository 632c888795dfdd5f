-- What the investigator's and the director's windows need, and no more
-- (issue 16).
--
-- The investigator's court bundle draws a case map of each red alert, which
-- lists the known-risk locations near where the alarm was raised. The
-- register itself (places, and why each is a risk) is the LSMS's: an
-- investigator reads only the active entries within the trust's case-map
-- distance (map settings' caseRiskRadiusM, 500 m unless saved, at most
-- 50 km) of a fix of an alert of their own cases. Go measures each entry
-- again (geo.RisksNear), so the bundle lists exactly what the LSMS's would.
CREATE FUNCTION redline_known_risks_near_my_cases() RETURNS SETOF known_risk_locations
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH radius AS (
        SELECT LEAST(50000, GREATEST(1, COALESCE(
            (SELECT (value::jsonb ->> 'caseRiskRadiusM')::double precision FROM settings WHERE key = 'map.settings'),
            500))) AS m
    ), fixes AS (
        SELECT lat, lon FROM alerts WHERE id IN (SELECT redline_my_alerts()) AND lat IS NOT NULL AND lon IS NOT NULL
        UNION
        SELECT lat, lon FROM positions WHERE alert_id IN (SELECT redline_my_alerts())
    )
    SELECT k.* FROM known_risk_locations k, radius r
    WHERE k.active = 1 AND EXISTS (
        -- haversine on a sphere of 6 371 008.8 m (geo.DistanceM), with a metre to spare for rounding
        SELECT 1 FROM fixes f
        WHERE 2 * 6371008.8 * asin(least(1, sqrt(
            power(sin(radians(k.lat - f.lat) / 2), 2) +
            cos(radians(f.lat)) * cos(radians(k.lat)) * power(sin(radians(k.lon - f.lon) / 2), 2)))) <= r.m + 1)
$$;
REVOKE ALL ON FUNCTION redline_known_risks_near_my_cases() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_known_risks_near_my_cases() TO redline_lsms, redline_investigator;

-- The bundle also carries the documents of the case (letters, photographs,
-- the case map): an investigator reads the bytes of their own cases'
-- exhibits and letters, besides their recordings (0081). Policies for one
-- role add up, so this widens investigator_cases by these files alone.
CREATE POLICY investigator_documents ON vault_files TO redline_investigator
    USING (sha256 IN (SELECT sha256 FROM exhibits
                      UNION SELECT pdf_sha256 FROM letters UNION SELECT docx_sha256 FROM letters));
CREATE POLICY investigator_documents ON vault_chunks TO redline_investigator
    USING (sha256 IN (SELECT sha256 FROM exhibits
                      UNION SELECT pdf_sha256 FROM letters UNION SELECT docx_sha256 FROM letters));

-- The director's Reports come from the redline_trend_* functions (0087),
-- which hide small counts. alert_month_counts holds the exact cells per
-- month, team and validity, small ones included, so the director may no
-- longer read it.
REVOKE ALL ON alert_month_counts FROM redline_director;
