-- Oversight's own columns on the requests module's table (its columns are the contract; these are added here):
-- escalate_at, the moment a request held by the street or sent back down moves up next (null at the community
-- before any escalation: resolve_by); taken_* when the higher level takes it over (the request's status and
-- assignee stay as they are); returned_* the last instructions sent down; respond_overdue / resolve_overdue, set
-- once by the escalation job when a deadline passes unmet (time changes them, not a write: the job's update is
-- the write the rates' counters see); reminded, the 事前提醒 told (1 respond, 2 resolve).
ALTER TABLE service_requests
  ADD COLUMN escalate_at timestamptz,
  ADD COLUMN taken_at timestamptz,
  ADD COLUMN taken_by_account_id bigint REFERENCES accounts(id) ON DELETE SET NULL,
  ADD COLUMN returned_at timestamptz,
  ADD COLUMN return_note text,
  ADD COLUMN respond_overdue boolean NOT NULL DEFAULT false,
  ADD COLUMN resolve_overdue boolean NOT NULL DEFAULT false,
  ADD COLUMN reminded smallint NOT NULL DEFAULT 0;
--> statement-breakpoint
-- The escalation job's candidates: open requests not yet at the district, by the moment they move up.
CREATE INDEX service_requests_escalate_idx ON service_requests (coalesce(escalate_at, resolve_by))
  WHERE status IN ('submitted', 'accepted', 'dispatched', 'open', 'in_progress') AND escalation_level < 2;
--> statement-breakpoint
-- Past respond_by without a response, not yet marked.
CREATE INDEX service_requests_respond_late_idx ON service_requests (respond_by)
  WHERE responded_at IS NULL AND NOT respond_overdue AND status <> 'merged';
--> statement-breakpoint
-- Past resolve_by unresolved, not yet marked (also below the street once sent back).
CREATE INDEX service_requests_resolve_late_idx ON service_requests (resolve_by)
  WHERE NOT resolve_overdue AND status IN ('submitted', 'accepted', 'dispatched', 'open', 'in_progress');
--> statement-breakpoint
-- The workbench's 事前提醒 and the reminder job: open requests by community, with what the quarter rule reads.
CREATE INDEX service_requests_due_idx ON service_requests (org_id, resolve_by, id)
  INCLUDE (submitted_at, respond_by, responded_at, reminded)
  WHERE status IN ('submitted', 'accepted', 'dispatched', 'open', 'in_progress');
--> statement-breakpoint
-- The street's and district's queues: escalated open requests by the organisation holding them.
CREATE INDEX service_requests_escalated_idx ON service_requests (escalation_org_id, escalate_at, id) INCLUDE (taken_at)
  WHERE escalation_level > 0 AND status IN ('submitted', 'accepted', 'dispatched', 'open', 'in_progress');
--> statement-breakpoint
-- Sent back with instructions and still open: the community's list.
CREATE INDEX service_requests_returned_idx ON service_requests (org_id, returned_at, id)
  WHERE returned_at IS NOT NULL AND escalation_level = 0
    AND status IN ('submitted', 'accepted', 'dispatched', 'open', 'in_progress');
--> statement-breakpoint
-- What one request counts for in the rates (shared RateCounters), in the month of its submission (China's date).
-- Merged duplicates are not counted; "resolved" is done, or closed after done.
CREATE FUNCTION service_request_rate_figures(r service_requests) RETURNS TABLE (month text, metric text, n integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), x.metric, 1
    FROM (VALUES
      ('total', true),
      ('dueRespond', r.responded_at IS NOT NULL OR r.respond_overdue),
      ('respondedInTime', r.responded_at IS NOT NULL AND r.responded_at <= r.respond_by),
      ('resolved', r.resolved_at IS NOT NULL AND r.status IN ('done', 'closed')),
      ('resolvedInTime', r.resolved_at IS NOT NULL AND r.status IN ('done', 'closed') AND r.resolved_at <= r.resolve_by),
      ('openOverdue', r.resolve_overdue AND r.status IN ('submitted', 'accepted', 'dispatched', 'open', 'in_progress')),
      ('rated', r.rating IS NOT NULL),
      ('satisfied', r.rating IN ('satisfied', 'basically'))) AS x(metric, counts)
   WHERE r.status <> 'merged' AND x.counts
$$;
--> statement-breakpoint
-- Adds per-organisation deltas to the organisation and each ancestor (its path's labels), in key order.
CREATE FUNCTION request_rate_figures_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO request_rate_figures (org_id, month, metric, n)
  SELECT a.id, d.month, d.metric, sum(d.n)
    FROM jsonb_to_recordset(deltas) AS d(org_id bigint, month text, metric text, n integer)
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.month, d.metric
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (org_id, month, metric) DO UPDATE SET n = request_rate_figures.n + excluded.n
$$;
--> statement-breakpoint
CREATE FUNCTION request_rate_figures_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(x) INTO deltas FROM (SELECT r.org_id, f.month, f.metric, sum(f.n) AS n
      FROM new_rows r CROSS JOIN LATERAL service_request_rate_figures(r::service_requests) f GROUP BY 1, 2, 3) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(x) INTO deltas FROM (SELECT r.org_id, f.month, f.metric, -sum(f.n) AS n
      FROM old_rows r CROSS JOIN LATERAL service_request_rate_figures(r::service_requests) f GROUP BY 1, 2, 3) x;
  ELSE
    SELECT jsonb_agg(x) INTO deltas FROM (SELECT org_id, month, metric, sum(n) AS n FROM (
        SELECT r.org_id, f.month, f.metric, f.n FROM new_rows r CROSS JOIN LATERAL service_request_rate_figures(r::service_requests) f
        UNION ALL
        SELECT r.org_id, f.month, f.metric, -f.n FROM old_rows r CROSS JOIN LATERAL service_request_rate_figures(r::service_requests) f) u
      GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM request_rate_figures_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER service_requests_rates_insert AFTER INSERT ON service_requests REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION request_rate_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER service_requests_rates_delete AFTER DELETE ON service_requests REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION request_rate_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER service_requests_rates_update AFTER UPDATE ON service_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION request_rate_figures_trigger();
--> statement-breakpoint
-- A subtree moved: the moved organisation's own rows hold its whole subtree's counters; they leave the old
-- ancestors and join the new ones (as volunteer_figures_move).
CREATE FUNCTION request_rate_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO request_rate_figures (org_id, month, metric, n)
  SELECT s.id, f.month, f.metric, sum(s.sign * f.n)
    FROM request_rate_figures f
    CROSS JOIN LATERAL (
      SELECT -1 AS sign, x.id FROM unnest(string_to_array(subpath(OLD.path, 0, nlevel(OLD.path) - 1)::text, '.')::bigint[]) x(id)
      UNION ALL
      SELECT 1, x.id FROM organizations p
        CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')::bigint[]) x(id) WHERE p.id = NEW.parent_id) s
   WHERE f.org_id = OLD.id AND f.n <> 0
   GROUP BY s.id, f.month, f.metric
  HAVING sum(s.sign * f.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (org_id, month, metric) DO UPDATE SET n = request_rate_figures.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_request_rate_figures_move AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION request_rate_figures_move();
--> statement-breakpoint
-- Recomputes every counter from the records (this migration; bulk loads with triggers off; the test's reference).
CREATE FUNCTION request_rate_figures_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM request_rate_figures;
  INSERT INTO request_rate_figures (org_id, month, metric, n)
  SELECT a.id, d.month, d.metric, sum(d.n)
    FROM (SELECT r.org_id, f.month, f.metric, sum(f.n) AS n
            FROM service_requests r CROSS JOIN LATERAL service_request_rate_figures(r) f GROUP BY 1, 2, 3) d
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.month, d.metric
  HAVING sum(d.n) <> 0;
$$;
--> statement-breakpoint
SELECT request_rate_figures_rebuild();
