-- Inserts into the tables that bulk imports fill (members, member_history: both with `id` and `org_id`) are audited by a statement-level
-- trigger: one set-based INSERT … SELECT into audit_logs from the transition table, the same row per inserted
-- row as audit_row() writes, instead of a PL/pgSQL call and an organisation lookup per row (a third of a
-- 100,000-row import). Updates and deletes stay row by row (audit_row skips counter-only updates).
CREATE FUNCTION audit_inserted_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor_name text := nullif(current_setting('gongjian.actor_name', true), '');
  actor_id text := nullif(current_setting('gongjian.actor_id', true), '');
  act text := nullif(current_setting('gongjian.action', true), '');
  client_ip text := nullif(current_setting('gongjian.ip', true), '');
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  IF actor_name IS NULL THEN
    RAISE EXCEPTION 'audit context missing: INSERT on % must run inside audited()', TG_TABLE_NAME;
  END IF;
  INSERT INTO audit_logs (actor_id, actor_name, action, entity, entity_id, org_path, before, after, ip)
  SELECT actor_id::bigint, actor_name, coalesce(act, TG_ARGV[0] || '.insert'), TG_ARGV[0], r.id::text, o.path,
         NULL, to_jsonb(r), client_ip
    FROM new_rows r LEFT JOIN organizations o ON o.id = r.org_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER members_audit ON members;
--> statement-breakpoint
CREATE TRIGGER members_audit AFTER UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION audit_row('member', 'org_id');
--> statement-breakpoint
CREATE TRIGGER members_audit_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_inserted_rows('member');
--> statement-breakpoint
DROP TRIGGER member_history_audit ON member_history;
--> statement-breakpoint
CREATE TRIGGER member_history_audit AFTER UPDATE OR DELETE ON member_history
  FOR EACH ROW EXECUTE FUNCTION audit_row('member_history', 'org_id');
--> statement-breakpoint
CREATE TRIGGER member_history_audit_insert AFTER INSERT ON member_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_inserted_rows('member_history');
