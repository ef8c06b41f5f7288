ALTER TABLE "organizations" ADD COLUMN "full_members" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "probationary_members" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Subtree member counts, maintained in the same statement as the member change, so that the counts of a
-- district answer without scanning its members. One UPDATE per affected ancestor per statement, found
-- by exact path lookups (btree) on the ancestors' paths.
CREATE FUNCTION members_rollup_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  WITH per_org AS (
    SELECT (d->>'org_id')::bigint AS org_id, sum((d->>'f')::int) AS f, sum((d->>'p')::int) AS p
      FROM jsonb_array_elements(deltas) d GROUP BY 1
  ), per_ancestor AS (
    SELECT a.id, sum(x.f) AS f, sum(x.p) AS p
      FROM per_org x
      JOIN organizations o ON o.id = x.org_id
      CROSS JOIN LATERAL generate_series(1, nlevel(o.path)) AS lvl
      JOIN organizations a ON a.path = subpath(o.path, 0, lvl)
     GROUP BY a.id
    HAVING sum(x.f) <> 0 OR sum(x.p) <> 0
  )
  UPDATE organizations a
     SET full_members = a.full_members + y.f, probationary_members = a.probationary_members + y.p
    FROM per_ancestor y WHERE a.id = y.id;
$$;
--> statement-breakpoint
CREATE FUNCTION members_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'f', f, 'p', p)) INTO deltas FROM (
      SELECT org_id, count(*) FILTER (WHERE status = 'full') AS f, count(*) FILTER (WHERE status = 'probationary') AS p
        FROM new_rows GROUP BY org_id) t;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'f', -f, 'p', -p)) INTO deltas FROM (
      SELECT org_id, count(*) FILTER (WHERE status = 'full') AS f, count(*) FILTER (WHERE status = 'probationary') AS p
        FROM old_rows GROUP BY org_id) t;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'f', f, 'p', p)) INTO deltas FROM (
      SELECT org_id, sum(f) AS f, sum(p) AS p FROM (
        SELECT org_id, count(*) FILTER (WHERE status = 'full') AS f, count(*) FILTER (WHERE status = 'probationary') AS p
          FROM new_rows GROUP BY org_id
        UNION ALL
        SELECT org_id, -count(*) FILTER (WHERE status = 'full'), -count(*) FILTER (WHERE status = 'probationary')
          FROM old_rows GROUP BY org_id) u
      GROUP BY org_id) t;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM members_rollup_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_rollup_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_rollup();
--> statement-breakpoint
CREATE TRIGGER members_rollup_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_rollup();
--> statement-breakpoint
CREATE TRIGGER members_rollup_update AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_rollup();
--> statement-breakpoint
-- Counter maintenance is not a change anyone made: the audit trigger skips updates that touch only counters.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor_name text := nullif(current_setting('gongjian.actor_name', true), '');
  actor_id text := nullif(current_setting('gongjian.actor_id', true), '');
  act text := nullif(current_setting('gongjian.action', true), '');
  client_ip text := nullif(current_setting('gongjian.ip', true), '');
  counters text[] := ARRAY['full_members', 'probationary_members', 'updated_at'];
  old_row jsonb;
  new_row jsonb;
  cur jsonb;
  scope ltree;
BEGIN
  IF actor_name IS NULL THEN
    RAISE EXCEPTION 'audit context missing: % on % must run inside audited()', TG_OP, TG_TABLE_NAME;
  END IF;
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'password_hash'; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'password_hash'; END IF;
  IF TG_OP = 'UPDATE' AND (old_row - counters) = (new_row - counters) THEN RETURN NULL; END IF;
  cur := coalesce(new_row, old_row);
  IF TG_ARGV[1] = 'path' THEN
    scope := (cur->>'path')::ltree;
  ELSE
    SELECT o.path INTO scope FROM organizations o WHERE o.id = (cur->>'org_id')::bigint;
  END IF;
  INSERT INTO audit_logs (actor_id, actor_name, action, entity, entity_id, org_path, before, after, ip)
  VALUES (actor_id::bigint, actor_name, coalesce(act, TG_ARGV[0] || '.' || lower(TG_OP)), TG_ARGV[0],
          cur->>'id', scope, old_row, new_row, client_ip);
  RETURN NULL;
END
$$;
