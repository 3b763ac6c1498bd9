-- One team's role, applied by `termly admin init-roles` once per configured team after
-- roles.sql, in the same transaction. {role} is termly_team_{team}; {team} is the team's
-- key (lower-case letters, digits and _, checked before it gets here).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
        BEGIN
            CREATE ROLE {role} NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database's init-roles made it a moment ago (roles are server-wide)
        END;
    END IF;
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role};
GRANT USAGE ON SCHEMA {schema} TO {role};
GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role};

-- A team writes its own scores and indicators, and what its import writes beside them: the
-- (term, team) score pack, its stale mark, and the import log row. The policies below keep
-- every one of those writes to rows whose team is this team. An UPDATE or DELETE of
-- another team's rows finds nothing to change; an INSERT of one is refused with an error.
GRANT INSERT, UPDATE, DELETE ON {schema}.scores, {schema}.indicators, {schema}.score_packs
    TO {role};
GRANT INSERT, DELETE ON {schema}.score_packs_stale TO {role};
GRANT INSERT ON {schema}.imports TO {role};

DROP POLICY IF EXISTS {role} ON {schema}.scores;
CREATE POLICY {role} ON {schema}.scores FOR ALL TO {role}
    USING (team = '{team}') WITH CHECK (team = '{team}');

DROP POLICY IF EXISTS {role} ON {schema}.indicators;
CREATE POLICY {role} ON {schema}.indicators FOR ALL TO {role}
    USING (team = '{team}') WITH CHECK (team = '{team}');

DROP POLICY IF EXISTS {role} ON {schema}.score_packs;
CREATE POLICY {role} ON {schema}.score_packs FOR ALL TO {role}
    USING (team = '{team}') WITH CHECK (team = '{team}');

DROP POLICY IF EXISTS {role} ON {schema}.score_packs_stale;
CREATE POLICY {role} ON {schema}.score_packs_stale FOR ALL TO {role}
    USING (team = '{team}') WITH CHECK (team = '{team}');

-- Only the log of this team's own scores files and indicator sources; the register,
-- support and inspections are the chair's.
DROP POLICY IF EXISTS {role} ON {schema}.imports;
CREATE POLICY {role} ON {schema}.imports FOR ALL TO {role}
    USING (team = '{team}' AND (kind = 'scores' OR kind LIKE 'source:%'))
    WITH CHECK (team = '{team}' AND (kind = 'scores' OR kind LIKE 'source:%'));
