-- A password change or reset was not on record when nothing else of the account changed: the hash is kept out
-- of the audit row and updated_at is ignored, so the row looked unchanged and was skipped. An UPDATE that
-- changes password_hash now always writes its row, with "password_changed": true after (never the hash), so no
-- code path can set a password unaudited. Otherwise as in 0002.
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
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' AND (old_row->'password_hash') IS DISTINCT FROM (new_row->'password_hash') THEN
    new_row := new_row || '{"password_changed": true}'::jsonb;
  END IF;
  old_row := old_row - 'password_hash';
  new_row := new_row - 'password_hash';
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
