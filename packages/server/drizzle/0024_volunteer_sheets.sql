CREATE TABLE "residence_sheet_sends" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residence_sheet_sends_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"unit_org_id" bigint NOT NULL,
	"year" smallint NOT NULL,
	"quarter" smallint NOT NULL,
	"sent_on" date NOT NULL,
	"sent_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residence_sheets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residence_sheets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"quarter" smallint NOT NULL,
	"member_id" bigint NOT NULL,
	"registration_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"unit_org_id" bigint NOT NULL,
	"registered_on" date NOT NULL,
	"as_of" date NOT NULL,
	"quarter_activities" integer NOT NULL,
	"quarter_hours" numeric(8, 1) NOT NULL,
	"year_activities" integer NOT NULL,
	"year_hours" numeric(8, 1) NOT NULL,
	"requests_fulfilled" integer DEFAULT 0 NOT NULL,
	"target_hours" numeric(6, 1),
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_figures" (
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"n" numeric(14, 1) DEFAULT '0' NOT NULL,
	CONSTRAINT "volunteer_figures_org_id_period_metric_pk" PRIMARY KEY("org_id","period","metric")
);
--> statement-breakpoint
CREATE TABLE "volunteer_rule_settings" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"yearly_target_hours" numeric(6, 1),
	"points_enabled" boolean,
	"points_per_hour" numeric(6, 2),
	"points_per_activity" jsonb,
	"ranking_enabled" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "residence_sheet_sends" ADD CONSTRAINT "residence_sheet_sends_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_sheet_sends" ADD CONSTRAINT "residence_sheet_sends_unit_org_id_organizations_id_fk" FOREIGN KEY ("unit_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_sheet_sends" ADD CONSTRAINT "residence_sheet_sends_sent_by_accounts_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_sheets" ADD CONSTRAINT "residence_sheets_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_sheets" ADD CONSTRAINT "residence_sheets_registration_id_in_service_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."in_service_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_sheets" ADD CONSTRAINT "residence_sheets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_sheets" ADD CONSTRAINT "residence_sheets_unit_org_id_organizations_id_fk" FOREIGN KEY ("unit_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_figures" ADD CONSTRAINT "volunteer_figures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_rule_settings" ADD CONSTRAINT "volunteer_rule_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "residence_sheet_sends_key" ON "residence_sheet_sends" USING btree ("org_id","year","quarter","unit_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "residence_sheets_member_key" ON "residence_sheets" USING btree ("year","quarter","member_id");--> statement-breakpoint
CREATE INDEX "residence_sheets_unit_idx" ON "residence_sheets" USING btree ("unit_org_id","year","quarter");--> statement-breakpoint
CREATE INDEX "residence_sheets_org_idx" ON "residence_sheets" USING btree ("org_id","year","quarter","unit_org_id");--> statement-breakpoint
-- The rule settings and the sends are audited like every record; the sheets are derived (see the tables file).
CREATE TRIGGER volunteer_rule_settings_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_rule_settings FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_rule_setting', 'org_id');
--> statement-breakpoint
CREATE TRIGGER residence_sheet_sends_audit AFTER INSERT OR UPDATE OR DELETE ON residence_sheet_sends FOR EACH ROW EXECUTE FUNCTION audit_row('residence_sheet_send', 'org_id');
--> statement-breakpoint
-- China's quarter of a date: 2026-Q3.
CREATE FUNCTION china_quarter(d date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(d, 'YYYY') || '-Q' || to_char(d, 'Q')
$$;
--> statement-breakpoint
-- What one service record counts for: confirmed only, in the quarter it was served.
CREATE FUNCTION volunteer_record_figures(r volunteer_records) RETURNS TABLE (period text, metric text, n numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT china_quarter(r.served_on), x.metric, x.n
    FROM (VALUES ('hours', r.hours::numeric), ('records', 1::numeric)) AS x(metric, n)
   WHERE r.status = 'confirmed'
$$;
--> statement-breakpoint
-- An activity counts in the quarter it starts (China's date) once published, and not when cancelled or a draft.
CREATE FUNCTION volunteer_activity_figures(r volunteer_activities) RETURNS TABLE (period text, metric text, n numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT china_quarter((r.starts_at AT TIME ZONE 'Asia/Shanghai')::date), 'activities', 1::numeric
   WHERE r.status IN ('published', 'confirmed')
$$;
--> statement-breakpoint
CREATE FUNCTION volunteer_team_figures(r volunteer_teams) RETURNS TABLE (period text, metric text, n numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT '', 'teams', 1::numeric WHERE r.dissolved_on IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION volunteer_resident_figures(r volunteer_residents) RETURNS TABLE (period text, metric text, n numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT '', 'residents', 1::numeric WHERE r.ended_on IS NULL
$$;
--> statement-breakpoint
-- Adds per-organisation deltas to the organisation and each ancestor (its path's labels), in key order.
CREATE FUNCTION volunteer_figures_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO volunteer_figures (org_id, period, metric, n)
  SELECT a.id, d.period, d.metric, sum(d.n)
    FROM jsonb_to_recordset(deltas) AS d(org_id bigint, period text, metric text, n numeric)
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.period, d.metric
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (org_id, period, metric) DO UPDATE SET n = volunteer_figures.n + excluded.n
$$;
--> statement-breakpoint
-- One trigger function for the four tables: TG_ARGV[0] names the row's figures function.
CREATE FUNCTION volunteer_figures_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
  f text := TG_ARGV[0];
  t text := TG_TABLE_NAME;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT jsonb_agg(x) FROM (SELECT r.org_id, f.period, f.metric, sum(f.n) AS n
      FROM new_rows r CROSS JOIN LATERAL %I(r::%I) f GROUP BY 1, 2, 3) x', f, t) INTO deltas;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT jsonb_agg(x) FROM (SELECT r.org_id, f.period, f.metric, -sum(f.n) AS n
      FROM old_rows r CROSS JOIN LATERAL %I(r::%I) f GROUP BY 1, 2, 3) x', f, t) INTO deltas;
  ELSE
    EXECUTE format('SELECT jsonb_agg(x) FROM (SELECT org_id, period, metric, sum(n) AS n FROM (
        SELECT r.org_id, f.period, f.metric, f.n FROM new_rows r CROSS JOIN LATERAL %I(r::%I) f
        UNION ALL
        SELECT r.org_id, f.period, f.metric, -f.n FROM old_rows r CROSS JOIN LATERAL %I(r::%I) f) u
      GROUP BY 1, 2, 3 HAVING sum(n) <> 0) x', f, t, f, t) INTO deltas;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM volunteer_figures_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER volunteer_records_figures_insert AFTER INSERT ON volunteer_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_record_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_records_figures_delete AFTER DELETE ON volunteer_records REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_record_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_records_figures_update AFTER UPDATE ON volunteer_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_record_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_activities_figures_insert AFTER INSERT ON volunteer_activities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_activity_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_activities_figures_delete AFTER DELETE ON volunteer_activities REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_activity_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_activities_figures_update AFTER UPDATE ON volunteer_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_activity_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_teams_figures_insert AFTER INSERT ON volunteer_teams REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_team_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_teams_figures_delete AFTER DELETE ON volunteer_teams REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_team_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_teams_figures_update AFTER UPDATE ON volunteer_teams REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_team_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_residents_figures_insert AFTER INSERT ON volunteer_residents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_resident_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_residents_figures_delete AFTER DELETE ON volunteer_residents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_resident_figures');
--> statement-breakpoint
CREATE TRIGGER volunteer_residents_figures_update AFTER UPDATE ON volunteer_residents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_figures_trigger('volunteer_resident_figures');
--> statement-breakpoint
-- A subtree moved (organizations.moveSubtree sets the new parent first, the paths after): the moved
-- organisation's own row holds its whole subtree's counters; they leave the old ancestors and join the new ones.
CREATE FUNCTION volunteer_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO volunteer_figures (org_id, period, metric, n)
  SELECT s.id, f.period, f.metric, sum(s.sign * f.n)
    FROM volunteer_figures f
    CROSS JOIN LATERAL (
      SELECT -1 AS sign, x.id FROM unnest(string_to_array(subpath(OLD.path, 0, nlevel(OLD.path) - 1)::text, '.')::bigint[]) x(id)
      UNION ALL
      SELECT 1, x.id FROM organizations p
        CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')::bigint[]) x(id) WHERE p.id = NEW.parent_id) s
   WHERE f.org_id = OLD.id AND f.n <> 0
   GROUP BY s.id, f.period, f.metric
  HAVING sum(s.sign * f.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (org_id, period, metric) DO UPDATE SET n = volunteer_figures.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_volunteer_figures_move AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION volunteer_figures_move();
--> statement-breakpoint
-- Recomputes every counter from the records (this migration; bulk loads with triggers off).
CREATE FUNCTION volunteer_figures_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM volunteer_figures;
  INSERT INTO volunteer_figures (org_id, period, metric, n)
  SELECT a.id, d.period, d.metric, sum(d.n)
    FROM (SELECT r.org_id, f.period, f.metric, sum(f.n) AS n FROM volunteer_records r CROSS JOIN LATERAL volunteer_record_figures(r) f GROUP BY 1, 2, 3
          UNION ALL
          SELECT r.org_id, f.period, f.metric, sum(f.n) FROM volunteer_activities r CROSS JOIN LATERAL volunteer_activity_figures(r) f GROUP BY 1, 2, 3
          UNION ALL
          SELECT r.org_id, f.period, f.metric, sum(f.n) FROM volunteer_teams r CROSS JOIN LATERAL volunteer_team_figures(r) f GROUP BY 1, 2, 3
          UNION ALL
          SELECT r.org_id, f.period, f.metric, sum(f.n) FROM volunteer_residents r CROSS JOIN LATERAL volunteer_resident_figures(r) f GROUP BY 1, 2, 3) d
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.period, d.metric
  HAVING sum(d.n) <> 0;
$$;
--> statement-breakpoint
SELECT volunteer_figures_rebuild();
