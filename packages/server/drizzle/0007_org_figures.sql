CREATE TABLE "org_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "org_figures_org_id_metric_pk" PRIMARY KEY("org_id","metric")
);
--> statement-breakpoint
ALTER TABLE "org_figures" ADD CONSTRAINT "org_figures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- What one member counts for in the figures of its organisation and every ancestor (active members only).
CREATE FUNCTION member_figures(r members) RETURNS TABLE (metric text, n bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT x.metric, 1::bigint
    FROM (VALUES ('category:' || r.category), ('status:' || r.status), ('gender:' || r.gender)) AS x(metric)
   WHERE r.left_on IS NULL
$$;
--> statement-breakpoint
-- What one new organisation counts for: its coverage status (same precedence as the shared coverageStatus()),
-- its employees and the party members working there.
CREATE FUNCTION new_org_figures(r new_organizations) RETURNS TABLE (metric text, n bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT x.metric, x.n
    FROM (VALUES
      ('new_org:' || CASE WHEN r.own_org_id IS NOT NULL THEN 'own_org'
                          WHEN r.joint_branch_id IS NOT NULL THEN 'joint_branch'
                          WHEN coalesce(r.instructor_name, '') <> '' THEN 'instructor'
                          ELSE 'blank' END, 1::bigint),
      ('new_org_employees', r.employees::bigint),
      ('new_org_party_members', r.party_members::bigint)) AS x(metric, n)
$$;
--> statement-breakpoint
-- Adds per-organisation deltas [{org_id, metric, n}] to the organisation and each ancestor. Path labels are
-- organisation ids (organizations_set_path), so the ancestors are the path's labels: no join, no scan.
-- Rows are written in key order so that concurrent writers lock them in the same order.
CREATE FUNCTION org_figures_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO org_figures (org_id, metric, n)
  SELECT a.id, d.metric, sum(d.n)
    FROM jsonb_to_recordset(deltas) AS d(org_id bigint, metric text, n bigint)
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.metric
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2
  ON CONFLICT (org_id, metric) DO UPDATE SET n = org_figures.n + excluded.n
$$;
--> statement-breakpoint
CREATE FUNCTION members_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(t) INTO deltas FROM (
      SELECT r.org_id, f.metric, sum(f.n) AS n FROM new_rows r CROSS JOIN LATERAL member_figures(r::members) f GROUP BY 1, 2) t;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(t) INTO deltas FROM (
      SELECT r.org_id, f.metric, -sum(f.n) AS n FROM old_rows r CROSS JOIN LATERAL member_figures(r::members) f GROUP BY 1, 2) t;
  ELSE
    SELECT jsonb_agg(t) INTO deltas FROM (
      SELECT org_id, metric, sum(n) AS n FROM (
        SELECT r.org_id, f.metric, f.n FROM new_rows r CROSS JOIN LATERAL member_figures(r::members) f
        UNION ALL
        SELECT r.org_id, f.metric, -f.n FROM old_rows r CROSS JOIN LATERAL member_figures(r::members) f) u
      GROUP BY 1, 2 HAVING sum(n) <> 0) t;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM org_figures_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION new_organizations_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(t) INTO deltas FROM (
      SELECT r.org_id, f.metric, sum(f.n) AS n FROM new_rows r CROSS JOIN LATERAL new_org_figures(r::new_organizations) f GROUP BY 1, 2) t;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(t) INTO deltas FROM (
      SELECT r.org_id, f.metric, -sum(f.n) AS n FROM old_rows r CROSS JOIN LATERAL new_org_figures(r::new_organizations) f GROUP BY 1, 2) t;
  ELSE
    SELECT jsonb_agg(t) INTO deltas FROM (
      SELECT org_id, metric, sum(n) AS n FROM (
        SELECT r.org_id, f.metric, f.n FROM new_rows r CROSS JOIN LATERAL new_org_figures(r::new_organizations) f
        UNION ALL
        SELECT r.org_id, f.metric, -f.n FROM old_rows r CROSS JOIN LATERAL new_org_figures(r::new_organizations) f) u
      GROUP BY 1, 2 HAVING sum(n) <> 0) t;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM org_figures_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_figures_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_update AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_figures();
--> statement-breakpoint
CREATE TRIGGER new_organizations_figures_insert AFTER INSERT ON new_organizations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION new_organizations_figures();
--> statement-breakpoint
CREATE TRIGGER new_organizations_figures_delete AFTER DELETE ON new_organizations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION new_organizations_figures();
--> statement-breakpoint
CREATE TRIGGER new_organizations_figures_update AFTER UPDATE ON new_organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION new_organizations_figures();
--> statement-breakpoint
-- Recomputes every organisation's figures from the records: for this migration, and for bulk loads that run
-- with triggers off (the benchmark's data loader).
CREATE FUNCTION org_figures_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM org_figures;
  INSERT INTO org_figures (org_id, metric, n)
  SELECT a.id, d.metric, sum(d.n)
    FROM (SELECT r.org_id, f.metric, sum(f.n) AS n FROM members r CROSS JOIN LATERAL member_figures(r) f GROUP BY 1, 2
          UNION ALL
          SELECT r.org_id, f.metric, sum(f.n) FROM new_organizations r CROSS JOIN LATERAL new_org_figures(r) f GROUP BY 1, 2) d
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.metric
  HAVING sum(d.n) <> 0;
$$;
--> statement-breakpoint
SELECT org_figures_rebuild();
