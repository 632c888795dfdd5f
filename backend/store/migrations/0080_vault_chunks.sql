-- Evidence files in the team database (issue 15): PostgreSQL's twin of this
-- step makes vault_files and vault_chunks. A laptop keeps its evidence in the
-- vault folder beside this file, so SQLite has nothing to do here.
SELECT 1;
