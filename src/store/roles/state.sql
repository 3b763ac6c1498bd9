-- What init-roles manages, one (kind, fact) row each: run before and after, the difference
-- is what the run changed. Roles are the server's; the rest is this schema's.
SELECT 'role', rolname FROM pg_roles WHERE rolname LIKE 'termly\_%'
UNION ALL
SELECT 'grant', format('%s %s on %s', r.rolname, lower(a.privilege_type), c.relname)
  FROM pg_class c
  CROSS JOIN LATERAL aclexplode(c.relacl) a
  JOIN pg_roles r ON r.oid = a.grantee
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
   AND r.rolname LIKE 'termly\_%'
UNION ALL
SELECT 'grant', format('%s %s on schema %s', r.rolname, lower(a.privilege_type), n.nspname)
  FROM pg_namespace n
  CROSS JOIN LATERAL aclexplode(n.nspacl) a
  JOIN pg_roles r ON r.oid = a.grantee
 WHERE n.nspname = current_schema() AND r.rolname LIKE 'termly\_%'
UNION ALL
SELECT 'security', c.relname
  FROM pg_class c
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
   AND c.relrowsecurity
UNION ALL
SELECT 'policy', format('%s on %s for %s to %s using (%s) with check (%s)', policyname,
       tablename, cmd, array_to_string(roles, ','), coalesce(qual, ''), coalesce(with_check, ''))
  FROM pg_policies
 WHERE schemaname = current_schema()
