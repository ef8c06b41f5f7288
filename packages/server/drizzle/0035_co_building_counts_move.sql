-- A subtree moved (organizations.parent_id changed): the moved organisation's own rows of the co-building counters
-- hold its whole subtree's, so they leave the old ancestors and join the new ones — as unit_figures_move (0028)
-- and volunteer_figures_move (0024) do. Without these the joint meetings', three lists', bookings' and
-- consultations' figures of both streets were wrong after a community changed street.
CREATE FUNCTION cobuild_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cobuild_counts AS c (org_id, metric, n)
  SELECT s.id, f.metric, sum(s.sign * f.n)
    FROM cobuild_counts f
    CROSS JOIN LATERAL (
      SELECT -1 AS sign, x.id FROM unnest(string_to_array(subpath(OLD.path, 0, nlevel(OLD.path) - 1)::text, '.')::bigint[]) x(id)
      UNION ALL
      SELECT 1, x.id FROM organizations p
        CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')::bigint[]) x(id) WHERE p.id = NEW.parent_id) s
   WHERE f.org_id = OLD.id AND f.n <> 0
   GROUP BY s.id, f.metric
  HAVING sum(s.sign * f.n) <> 0
   ORDER BY 1, 2
  ON CONFLICT (org_id, metric) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_cobuild_counts_move AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION cobuild_counts_move();
--> statement-breakpoint
CREATE FUNCTION facility_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO facility_figures AS c (org_id, period, metric, n)
  SELECT s.id, f.period, f.metric, sum(s.sign * f.n)
    FROM facility_figures f
    CROSS JOIN LATERAL (
      SELECT -1 AS sign, x.id FROM unnest(string_to_array(subpath(OLD.path, 0, nlevel(OLD.path) - 1)::text, '.')::bigint[]) x(id)
      UNION ALL
      SELECT 1, x.id FROM organizations p
        CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')::bigint[]) x(id) WHERE p.id = NEW.parent_id) s
   WHERE f.org_id = OLD.id AND f.n <> 0
   GROUP BY s.id, f.period, f.metric
  HAVING sum(s.sign * f.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (org_id, period, metric) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_facility_figures_move AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION facility_figures_move();
--> statement-breakpoint
CREATE FUNCTION consultation_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO consultation_figures AS c (org_id, period, metric, n)
  SELECT s.id, f.period, f.metric, sum(s.sign * f.n)
    FROM consultation_figures f
    CROSS JOIN LATERAL (
      SELECT -1 AS sign, x.id FROM unnest(string_to_array(subpath(OLD.path, 0, nlevel(OLD.path) - 1)::text, '.')::bigint[]) x(id)
      UNION ALL
      SELECT 1, x.id FROM organizations p
        CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')::bigint[]) x(id) WHERE p.id = NEW.parent_id) s
   WHERE f.org_id = OLD.id AND f.n <> 0
   GROUP BY s.id, f.period, f.metric
  HAVING sum(s.sign * f.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (org_id, period, metric) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_consultation_figures_move AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION consultation_figures_move();
