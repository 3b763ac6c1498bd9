-- termly's shared roles on PostgreSQL, applied by `termly admin init-roles` as the owner of
-- termly's tables (or a superuser), in one transaction. Every statement may run again: a
-- second run leaves the catalog as it was. {schema} is termly's schema, quoted.
--
-- Nobody logs in as these group roles; each person has a LOGIN role of their own that is
-- granted one of them (CREATE ROLE alice LOGIN; GRANT termly_team_finance TO alice;).
-- Identity columns need no sequence grants: INSERT draws their values without USAGE.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'termly_chair') THEN
        BEGIN
            CREATE ROLE termly_chair NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database's init-roles made it a moment ago (roles are server-wide)
        END;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'termly_viewer') THEN
        BEGIN
            CREATE ROLE termly_viewer NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$$;

-- Start from nothing each run, so a privilege granted by hand outside this file (UPDATE on
-- decisions, say, or TRUNCATE, which row-level security does not cover) is taken away.
REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM termly_chair, termly_viewer;
GRANT USAGE ON SCHEMA {schema} TO termly_chair, termly_viewer;

-- Everyone reads everything: the heat map needs every team's scores.
GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO termly_chair, termly_viewer;

-- The chair runs the meeting and the imports of everything but a team's own file: what
-- the program writes, table by table. The official record (decisions, their context,
-- actions and their history, the meeting change log, category history) is append-only:
-- INSERT and never UPDATE or DELETE, for anyone, on top of the schema's triggers.
GRANT INSERT, UPDATE ON {schema}.schools, {schema}.inspections, {schema}.meetings,
    {schema}.meeting_details, {schema}.written_files TO termly_chair;
GRANT INSERT, UPDATE, DELETE ON {schema}.scores, {schema}.indicators, {schema}.score_packs
    TO termly_chair;
GRANT INSERT, DELETE ON {schema}.score_packs_stale TO termly_chair;
GRANT INSERT ON {schema}.imports, {schema}.agenda_items, {schema}.agenda_numbers,
    {schema}.decisions, {schema}.decision_context, {schema}.actions, {schema}.action_events,
    {schema}.meeting_changes, {schema}.category_history TO termly_chair;

-- Row-level security on each team's rows. ENABLE, not FORCE: the owner stays outside the
-- policies, as a superuser always is. Binding the owner would protect nothing (an owner
-- may switch the policies off again) and would stop the owner's own first import and
-- `termly admin copy`; the append-only triggers bind the owner all the same.
ALTER TABLE {schema}.scores ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.indicators ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.score_packs ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.score_packs_stale ENABLE ROW LEVEL SECURITY;

-- Everyone may read every row (the grants above decide who reads at all); the chair may
-- write every row.
DROP POLICY IF EXISTS termly_read ON {schema}.scores;
CREATE POLICY termly_read ON {schema}.scores FOR SELECT USING (true);
DROP POLICY IF EXISTS termly_chair ON {schema}.scores;
CREATE POLICY termly_chair ON {schema}.scores FOR ALL TO termly_chair USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS termly_read ON {schema}.indicators;
CREATE POLICY termly_read ON {schema}.indicators FOR SELECT USING (true);
DROP POLICY IF EXISTS termly_chair ON {schema}.indicators;
CREATE POLICY termly_chair ON {schema}.indicators FOR ALL TO termly_chair USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS termly_read ON {schema}.imports;
CREATE POLICY termly_read ON {schema}.imports FOR SELECT USING (true);
DROP POLICY IF EXISTS termly_chair ON {schema}.imports;
CREATE POLICY termly_chair ON {schema}.imports FOR ALL TO termly_chair USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS termly_read ON {schema}.score_packs;
CREATE POLICY termly_read ON {schema}.score_packs FOR SELECT USING (true);
DROP POLICY IF EXISTS termly_chair ON {schema}.score_packs;
CREATE POLICY termly_chair ON {schema}.score_packs FOR ALL TO termly_chair USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS termly_read ON {schema}.score_packs_stale;
CREATE POLICY termly_read ON {schema}.score_packs_stale FOR SELECT USING (true);
DROP POLICY IF EXISTS termly_chair ON {schema}.score_packs_stale;
CREATE POLICY termly_chair ON {schema}.score_packs_stale FOR ALL TO termly_chair USING (true) WITH CHECK (true);
