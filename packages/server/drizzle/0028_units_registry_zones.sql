CREATE TABLE "collab_zone_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collab_zone_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"zone_id" bigint NOT NULL,
	"member_org_id" bigint,
	"unit_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collab_zone_members_one_check" CHECK (num_nonnulls("collab_zone_members"."member_org_id", "collab_zone_members"."unit_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "collab_zones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collab_zones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"lead_org_id" bigint,
	"lead_unit_id" bigint,
	"note" text,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collab_zones_lead_check" CHECK (num_nonnulls("collab_zones"."lead_org_id", "collab_zones"."lead_unit_id") <= 1)
);
--> statement-breakpoint
CREATE TABLE "resident_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resident_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"new_org_id" bigint,
	"name" text,
	"uscc" text,
	"kind" text,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"headcount" integer,
	"party_members" integer,
	"party_org_id" bigint,
	"relation" text DEFAULT 'cooperate' NOT NULL,
	"liaison_account_id" bigint,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_units_relation_check" CHECK ("resident_units"."relation" in ('direct', 'dual', 'cooperate')),
	CONSTRAINT "resident_units_kind_check" CHECK ("resident_units"."kind" is null or "resident_units"."kind" in ('organ', 'institution', 'state_enterprise', 'private_enterprise', 'school', 'hospital', 'social_organization', 'other')),
	CONSTRAINT "resident_units_identity_check" CHECK (("resident_units"."new_org_id" is null and "resident_units"."name" is not null and "resident_units"."kind" is not null) or ("resident_units"."new_org_id" is not null and "resident_units"."name" is null and "resident_units"."uscc" is null and "resident_units"."kind" is null and "resident_units"."address" is null and "resident_units"."headcount" is null and "resident_units"."party_members" is null)),
	CONSTRAINT "resident_units_counts_check" CHECK ("resident_units"."headcount" >= 0 and "resident_units"."party_members" >= 0)
);
--> statement-breakpoint
CREATE TABLE "unit_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "unit_figures_org_id_metric_pk" PRIMARY KEY("org_id","metric")
);
--> statement-breakpoint
ALTER TABLE "team_posts" ADD COLUMN "home_unit_id" bigint;--> statement-breakpoint
ALTER TABLE "collab_zone_members" ADD CONSTRAINT "collab_zone_members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_zone_members" ADD CONSTRAINT "collab_zone_members_zone_id_collab_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."collab_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_zone_members" ADD CONSTRAINT "collab_zone_members_member_org_id_organizations_id_fk" FOREIGN KEY ("member_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_zone_members" ADD CONSTRAINT "collab_zone_members_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_zones" ADD CONSTRAINT "collab_zones_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_zones" ADD CONSTRAINT "collab_zones_lead_org_id_organizations_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_zones" ADD CONSTRAINT "collab_zones_lead_unit_id_resident_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_new_org_id_new_organizations_id_fk" FOREIGN KEY ("new_org_id") REFERENCES "public"."new_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_party_org_id_organizations_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_liaison_account_id_accounts_id_fk" FOREIGN KEY ("liaison_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_figures" ADD CONSTRAINT "unit_figures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "collab_zone_members_org_key" ON "collab_zone_members" USING btree ("zone_id","member_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collab_zone_members_unit_key" ON "collab_zone_members" USING btree ("zone_id","unit_id");--> statement-breakpoint
CREATE INDEX "collab_zone_members_member_org_idx" ON "collab_zone_members" USING btree ("member_org_id");--> statement-breakpoint
CREATE INDEX "collab_zone_members_unit_idx" ON "collab_zone_members" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collab_zones_name_key" ON "collab_zones" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_units_new_org_key" ON "resident_units" USING btree ("new_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_units_uscc_key" ON "resident_units" USING btree ("uscc") WHERE "resident_units"."uscc" is not null;--> statement-breakpoint
CREATE INDEX "resident_units_org_idx" ON "resident_units" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "resident_units_liaison_idx" ON "resident_units" USING btree ("liaison_account_id") WHERE "resident_units"."liaison_account_id" is not null;--> statement-breakpoint
CREATE INDEX "resident_units_party_org_idx" ON "resident_units" USING btree ("party_org_id") WHERE "resident_units"."party_org_id" is not null;--> statement-breakpoint
-- The 兼职委员's unit on the teams module's posts (the platform's schema names the column only: db must not
-- import a module), and the index the committee page and the workbench's "unit left the committee" read.
ALTER TABLE "team_posts" ADD CONSTRAINT "team_posts_home_unit_id_resident_units_id_fk" FOREIGN KEY ("home_unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_posts_home_unit_idx" ON "team_posts" USING btree ("home_unit_id", "ended_on") WHERE "home_unit_id" IS NOT NULL;--> statement-breakpoint
-- A unit as every read sees it: a linked new organisation's identity fields come from its own record.
-- The kind mapping equals shared `unitKindOfNewOrg`.
CREATE VIEW resident_units_v AS
SELECT u.id, u.org_id, u.new_org_id,
       coalesce(n.name, u.name) AS name,
       coalesce(n.uscc, u.uscc) AS uscc,
       coalesce(u.kind, CASE n.kind WHEN 'enterprise' THEN 'private_enterprise' ELSE 'social_organization' END) AS kind,
       coalesce(n.address, u.address) AS address,
       u.contact_name, u.contact_phone,
       coalesce(n.employees, u.headcount) AS headcount,
       coalesce(n.party_members, u.party_members) AS party_members,
       coalesce(u.party_org_id, n.own_org_id, n.joint_branch_id) AS party_org_id,
       u.relation, u.liaison_account_id, u.ended_on, u.created_at,
       greatest(u.updated_at, n.updated_at) AS updated_at
  FROM resident_units u
  LEFT JOIN new_organizations n ON n.id = u.new_org_id;
--> statement-breakpoint
CREATE TRIGGER resident_units_audit AFTER INSERT OR UPDATE OR DELETE ON resident_units FOR EACH ROW EXECUTE FUNCTION audit_row('resident_unit', 'org_id');
--> statement-breakpoint
CREATE TRIGGER collab_zones_audit AFTER INSERT OR UPDATE OR DELETE ON collab_zones FOR EACH ROW EXECUTE FUNCTION audit_row('collab_zone', 'org_id');
--> statement-breakpoint
CREATE TRIGGER collab_zone_members_audit AFTER INSERT OR UPDATE OR DELETE ON collab_zone_members FOR EACH ROW EXECUTE FUNCTION audit_row('collab_zone_member', 'org_id');
--> statement-breakpoint
-- Adds a delta to an organisation's counter and each ancestor's (its path's labels).
CREATE FUNCTION unit_figures_apply(org bigint, m text, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO unit_figures (org_id, metric, n)
  SELECT a.id, m, delta
    FROM organizations o
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   WHERE o.id = org AND delta <> 0
   ORDER BY 1
  ON CONFLICT (org_id, metric) DO UPDATE SET n = unit_figures.n + excluded.n
$$;
--> statement-breakpoint
-- What one unit counts for while it is not ended (a linked unit's kind from its new organisation).
CREATE FUNCTION resident_unit_metrics(u resident_units) RETURNS TABLE (metric text) LANGUAGE sql STABLE AS $$
  SELECT x.metric FROM (VALUES
    ('units'),
    ('kind:' || coalesce(u.kind, (SELECT CASE n.kind WHEN 'enterprise' THEN 'private_enterprise' ELSE 'social_organization' END
                                    FROM new_organizations n WHERE n.id = u.new_org_id))),
    ('relation:' || u.relation),
    (CASE WHEN u.new_org_id IS NOT NULL THEN 'linked' END)) AS x(metric)
   WHERE u.ended_on IS NULL AND x.metric IS NOT NULL
$$;
--> statement-breakpoint
CREATE FUNCTION resident_units_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    FOR r IN SELECT metric FROM resident_unit_metrics(OLD) LOOP PERFORM unit_figures_apply(OLD.org_id, r.metric, -1); END LOOP;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    FOR r IN SELECT metric FROM resident_unit_metrics(NEW) LOOP PERFORM unit_figures_apply(NEW.org_id, r.metric, 1); END LOOP;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER resident_units_figures AFTER INSERT OR UPDATE OR DELETE ON resident_units
  FOR EACH ROW EXECUTE FUNCTION resident_units_figures();
--> statement-breakpoint
-- A linked new organisation's kind changed: its unit moves between the kind counters.
CREATE FUNCTION new_org_unit_kind_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  u resident_units;
BEGIN
  SELECT * INTO u FROM resident_units WHERE new_org_id = NEW.id AND ended_on IS NULL;
  IF FOUND THEN
    PERFORM unit_figures_apply(u.org_id, 'kind:' || CASE OLD.kind WHEN 'enterprise' THEN 'private_enterprise' ELSE 'social_organization' END, -1);
    PERFORM unit_figures_apply(u.org_id, 'kind:' || CASE NEW.kind WHEN 'enterprise' THEN 'private_enterprise' ELSE 'social_organization' END, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER new_organizations_unit_kind_figures AFTER UPDATE OF kind ON new_organizations
  FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION new_org_unit_kind_figures();
--> statement-breakpoint
-- Part-time committee members: current posts naming a home unit, counted at the committee.
CREATE FUNCTION team_posts_parttime_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.home_unit_id IS NOT NULL AND OLD.ended_on IS NULL THEN
    PERFORM unit_figures_apply(OLD.org_id, 'parttime', -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.home_unit_id IS NOT NULL AND NEW.ended_on IS NULL THEN
    PERFORM unit_figures_apply(NEW.org_id, 'parttime', 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER team_posts_parttime_figures AFTER INSERT OR UPDATE OR DELETE ON team_posts
  FOR EACH ROW EXECUTE FUNCTION team_posts_parttime_figures();
--> statement-breakpoint
-- A subtree moved: the moved organisation's own rows hold its subtree's counters; they leave the old ancestors
-- and join the new ones (as volunteer_figures_move).
CREATE FUNCTION unit_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO unit_figures (org_id, metric, n)
  SELECT s.id, f.metric, sum(s.sign * f.n)
    FROM unit_figures f
    CROSS JOIN LATERAL (
      SELECT -1 AS sign, x.id FROM unnest(string_to_array(subpath(OLD.path, 0, nlevel(OLD.path) - 1)::text, '.')::bigint[]) x(id)
      UNION ALL
      SELECT 1, x.id FROM organizations p
        CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')::bigint[]) x(id) WHERE p.id = NEW.parent_id) s
   WHERE f.org_id = OLD.id AND f.n <> 0
   GROUP BY s.id, f.metric
  HAVING sum(s.sign * f.n) <> 0
   ORDER BY 1, 2
  ON CONFLICT (org_id, metric) DO UPDATE SET n = unit_figures.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_unit_figures_move AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION unit_figures_move();
--> statement-breakpoint
-- Recomputes every counter from the records (tests compare the kept ones with it).
CREATE FUNCTION unit_figures_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM unit_figures;
  INSERT INTO unit_figures (org_id, metric, n)
  SELECT a.id, d.metric, sum(d.n)
    FROM (SELECT u.org_id, m.metric, count(*) AS n FROM resident_units u CROSS JOIN LATERAL resident_unit_metrics(u) m GROUP BY 1, 2
          UNION ALL
          SELECT p.org_id, 'parttime', count(*) FROM team_posts p WHERE p.home_unit_id IS NOT NULL AND p.ended_on IS NULL GROUP BY 1) d
    JOIN organizations o ON o.id = d.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, d.metric
  HAVING sum(d.n) <> 0;
$$;
