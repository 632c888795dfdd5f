-- What the investigator's and the director's windows need in a team
-- database (migrations_pg/0088): the known-risk locations near an
-- investigator's own cases, and the director's exact month counts revoked.
-- A laptop has one person, the LSMS, who reads every table, so there is
-- nothing to do here.
SELECT 1;
