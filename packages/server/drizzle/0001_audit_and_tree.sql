-- The organisation tree: a parent must exist; the path is the parent's path plus the node's own id.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_id_fk" FOREIGN KEY ("parent_id") REFERENCES "organizations"("id");
--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_path_ends_with_id" CHECK (nlevel("path") > 0 AND subpath("path", -1)::text = "id"::text);
--> statement-breakpoint
CREATE FUNCTION organizations_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := NEW.id::text::ltree;
  ELSE
    SELECT p.path || NEW.id::text INTO NEW.path FROM organizations p WHERE p.id = NEW.parent_id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_set_path BEFORE INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_set_path();
--> statement-breakpoint
-- Audit: every change to an audited table writes one row per changed row, in the same transaction.
-- The actor, action and IP come from transaction-local settings made by the server's audited() helper;
-- a change without them is refused, so no code path can change data unaudited.
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor_name text := nullif(current_setting('gongjian.actor_name', true), '');
  actor_id text := nullif(current_setting('gongjian.actor_id', true), '');
  act text := nullif(current_setting('gongjian.action', true), '');
  client_ip text := nullif(current_setting('gongjian.ip', true), '');
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
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN RETURN NULL; END IF;
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
--> statement-breakpoint
CREATE TRIGGER organizations_audit AFTER INSERT OR UPDATE OR DELETE ON organizations
  FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'path');
--> statement-breakpoint
CREATE TRIGGER accounts_audit AFTER INSERT OR UPDATE OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION audit_row('account', 'org_id');
--> statement-breakpoint
CREATE TRIGGER members_audit AFTER INSERT OR UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION audit_row('member', 'org_id');
--> statement-breakpoint
-- The audit log is append-only, whatever the caller.
CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_logs_no_change BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();
