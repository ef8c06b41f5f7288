CREATE TABLE "co_needs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_needs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text,
	"place" text,
	"needed_by" date,
	"request_id" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"claimed_unit_id" bigint,
	"claimed_at" timestamp with time zone,
	"claim_note" text,
	"met_on" date,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_project_resources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_project_resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"resource_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"need_id" bigint NOT NULL,
	"title" text NOT NULL,
	"lead_name" text NOT NULL,
	"lead_unit_id" bigint,
	"started_on" date NOT NULL,
	"ended_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_projects_dates" CHECK (ended_on is null or ended_on >= started_on)
);
--> statement-breakpoint
CREATE TABLE "co_resources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"unit_id" bigint,
	"member_id" bigint,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text,
	"place" text,
	"availability" text,
	"available_from" date,
	"available_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_resources_provider" CHECK ((provider = 'unit') = (unit_id is not null) and (provider = 'member') = (member_id is not null)
          and (available_to is null or available_from is null or available_to >= available_from))
);
--> statement-breakpoint
CREATE TABLE "cobuild_counts" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cobuild_counts_org_id_metric_pk" PRIMARY KEY("org_id","metric")
);
--> statement-breakpoint
CREATE TABLE "cobuild_unit_counts" (
	"unit_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cobuild_unit_counts_unit_id_metric_pk" PRIMARY KEY("unit_id","metric")
);
--> statement-breakpoint
CREATE TABLE "joint_meeting_outcomes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "joint_meeting_outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"owner_unit_id" bigint,
	"owner_org_id" bigint,
	"held_on" date NOT NULL,
	"due_on" date,
	"done_on" date,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "joint_meeting_outcomes_task" CHECK ((kind = 'task') = (due_on is not null)
          and (kind <> 'task' or num_nonnulls(owner_unit_id, owner_org_id) = 1)
          and (kind = 'task' or (owner_unit_id is null and owner_org_id is null and done_on is null))
          and (due_on is null or due_on >= held_on))
);
--> statement-breakpoint
CREATE TABLE "joint_meeting_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "joint_meeting_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"present" boolean,
	"attendees" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "joint_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"zone_id" bigint,
	"title" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"held_on" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text,
	"place" text NOT NULL,
	"host_name" text,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"host_attendees" text,
	"minutes" text,
	"held_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_task_progress" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "joint_task_progress_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"outcome_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"note" text NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"reported_on" date NOT NULL,
	"unit_id" bigint,
	"by_account_id" bigint,
	"by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_claimed_unit_id_resident_units_id_fk" FOREIGN KEY ("claimed_unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_project_resources" ADD CONSTRAINT "co_project_resources_project_id_co_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."co_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_project_resources" ADD CONSTRAINT "co_project_resources_resource_id_co_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."co_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_project_resources" ADD CONSTRAINT "co_project_resources_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_need_id_co_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."co_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_lead_unit_id_resident_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_resources" ADD CONSTRAINT "co_resources_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_resources" ADD CONSTRAINT "co_resources_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_resources" ADD CONSTRAINT "co_resources_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_resources" ADD CONSTRAINT "co_resources_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_counts" ADD CONSTRAINT "cobuild_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_unit_counts" ADD CONSTRAINT "cobuild_unit_counts_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."resident_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_outcomes" ADD CONSTRAINT "joint_meeting_outcomes_meeting_id_joint_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."joint_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_outcomes" ADD CONSTRAINT "joint_meeting_outcomes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_outcomes" ADD CONSTRAINT "joint_meeting_outcomes_owner_unit_id_resident_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_outcomes" ADD CONSTRAINT "joint_meeting_outcomes_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_outcomes" ADD CONSTRAINT "joint_meeting_outcomes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_units" ADD CONSTRAINT "joint_meeting_units_meeting_id_joint_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."joint_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_units" ADD CONSTRAINT "joint_meeting_units_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meeting_units" ADD CONSTRAINT "joint_meeting_units_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meetings" ADD CONSTRAINT "joint_meetings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meetings" ADD CONSTRAINT "joint_meetings_zone_id_collab_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."collab_zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meetings" ADD CONSTRAINT "joint_meetings_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_task_progress" ADD CONSTRAINT "joint_task_progress_outcome_id_joint_meeting_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."joint_meeting_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_task_progress" ADD CONSTRAINT "joint_task_progress_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_task_progress" ADD CONSTRAINT "joint_task_progress_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_task_progress" ADD CONSTRAINT "joint_task_progress_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "co_needs_org_idx" ON "co_needs" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "co_needs_unit_idx" ON "co_needs" USING btree ("claimed_unit_id") WHERE claimed_unit_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "co_project_resources_key" ON "co_project_resources" USING btree ("project_id","resource_id");--> statement-breakpoint
CREATE INDEX "co_project_resources_resource_idx" ON "co_project_resources" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "co_projects_org_idx" ON "co_projects" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "co_projects_need_idx" ON "co_projects" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "co_projects_unit_idx" ON "co_projects" USING btree ("lead_unit_id") WHERE lead_unit_id is not null;--> statement-breakpoint
CREATE INDEX "co_resources_org_idx" ON "co_resources" USING btree ("org_id","category");--> statement-breakpoint
CREATE INDEX "co_resources_unit_idx" ON "co_resources" USING btree ("unit_id") WHERE unit_id is not null;--> statement-breakpoint
CREATE INDEX "joint_meeting_outcomes_meeting_idx" ON "joint_meeting_outcomes" USING btree ("meeting_id","id");--> statement-breakpoint
CREATE INDEX "joint_tasks_open_idx" ON "joint_meeting_outcomes" USING btree ("org_id","due_on") WHERE kind = 'task' and done_on is null;--> statement-breakpoint
CREATE INDEX "joint_tasks_unit_idx" ON "joint_meeting_outcomes" USING btree ("owner_unit_id","due_on") WHERE kind = 'task';--> statement-breakpoint
CREATE UNIQUE INDEX "joint_meeting_units_key" ON "joint_meeting_units" USING btree ("meeting_id","unit_id");--> statement-breakpoint
CREATE INDEX "joint_meeting_units_unit_idx" ON "joint_meeting_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "joint_meetings_org_idx" ON "joint_meetings" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "joint_task_progress_outcome_idx" ON "joint_task_progress" USING btree ("outcome_id","id");--> statement-breakpoint
CREATE TRIGGER joint_meetings_audit AFTER INSERT OR UPDATE OR DELETE ON joint_meetings
  FOR EACH ROW EXECUTE FUNCTION audit_row('joint_meeting', 'org_id');
--> statement-breakpoint
CREATE TRIGGER joint_meeting_units_audit AFTER INSERT OR UPDATE OR DELETE ON joint_meeting_units
  FOR EACH ROW EXECUTE FUNCTION audit_row('joint_meeting_unit', 'org_id');
--> statement-breakpoint
CREATE TRIGGER joint_meeting_outcomes_audit AFTER INSERT OR UPDATE OR DELETE ON joint_meeting_outcomes
  FOR EACH ROW EXECUTE FUNCTION audit_row('joint_meeting_outcome', 'org_id');
--> statement-breakpoint
CREATE TRIGGER joint_task_progress_audit AFTER INSERT OR UPDATE OR DELETE ON joint_task_progress
  FOR EACH ROW EXECUTE FUNCTION audit_row('joint_task_progress', 'org_id');
--> statement-breakpoint
CREATE TRIGGER co_needs_audit AFTER INSERT OR UPDATE OR DELETE ON co_needs
  FOR EACH ROW EXECUTE FUNCTION audit_row('co_need', 'org_id');
--> statement-breakpoint
CREATE TRIGGER co_resources_audit AFTER INSERT OR UPDATE OR DELETE ON co_resources
  FOR EACH ROW EXECUTE FUNCTION audit_row('co_resource', 'org_id');
--> statement-breakpoint
CREATE TRIGGER co_projects_audit AFTER INSERT OR UPDATE OR DELETE ON co_projects
  FOR EACH ROW EXECUTE FUNCTION audit_row('co_project', 'org_id');
--> statement-breakpoint
CREATE TRIGGER co_project_resources_audit AFTER INSERT OR UPDATE OR DELETE ON co_project_resources
  FOR EACH ROW EXECUTE FUNCTION audit_row('co_project_resource', 'org_id');
--> statement-breakpoint
-- Co-building counters (cobuild_counts over each organisation's subtree, cobuild_unit_counts per unit), kept in the
-- change's transaction by the row triggers below: a row's contribution is taken away as it was and added as it is.
CREATE FUNCTION cobuild_count(p_org bigint, p_metric text, p_delta int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_delta = 0 OR p_org IS NULL THEN RETURN; END IF;
  INSERT INTO cobuild_counts AS c (org_id, metric, n)
    SELECT a.id, p_metric, p_delta
      FROM unnest(string_to_array((SELECT o.path::text FROM organizations o WHERE o.id = p_org), '.')::bigint[]) AS a(id)
     ORDER BY a.id
  ON CONFLICT (org_id, metric) DO UPDATE SET n = c.n + excluded.n;
END
$$;
--> statement-breakpoint
CREATE FUNCTION cobuild_unit_count(p_unit bigint, p_metric text, p_delta int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_delta = 0 OR p_unit IS NULL THEN RETURN; END IF;
  INSERT INTO cobuild_unit_counts AS c (unit_id, metric, n) VALUES (p_unit, p_metric, p_delta)
  ON CONFLICT (unit_id, metric) DO UPDATE SET n = c.n + excluded.n;
END
$$;
--> statement-breakpoint
CREATE FUNCTION cobuild_apply_meeting(r joint_meetings, s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF r.status = 'held' THEN PERFORM cobuild_count(r.org_id, 'meetings_held', s); END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION cobuild_apply_outcome(r joint_meeting_outcomes, s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF r.kind <> 'task' THEN RETURN; END IF;
  PERFORM cobuild_count(r.org_id, 'tasks', s);
  PERFORM cobuild_unit_count(r.owner_unit_id, 'tasks', s);
  IF r.done_on IS NOT NULL THEN
    PERFORM cobuild_count(r.org_id, 'tasks_done', s);
    PERFORM cobuild_unit_count(r.owner_unit_id, 'tasks_done', s);
    IF r.done_on <= r.due_on THEN
      PERFORM cobuild_count(r.org_id, 'tasks_on_time', s);
      PERFORM cobuild_unit_count(r.owner_unit_id, 'tasks_on_time', s);
    END IF;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION cobuild_apply_need(r co_needs, s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF r.status <> 'closed' THEN PERFORM cobuild_count(r.org_id, 'needs', s); END IF;
  IF r.status = 'met' THEN
    PERFORM cobuild_count(r.org_id, 'needs_met', s);
    PERFORM cobuild_unit_count(r.claimed_unit_id, 'needs_met', s);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION cobuild_apply_project(r co_projects, s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF r.status <> 'cancelled' THEN
    PERFORM cobuild_count(r.org_id, 'projects', s);
    PERFORM cobuild_unit_count(r.lead_unit_id, 'projects', s);
  END IF;
  IF r.status = 'done' THEN
    PERFORM cobuild_count(r.org_id, 'projects_done', s);
    PERFORM cobuild_unit_count(r.lead_unit_id, 'projects_done', s);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION joint_meetings_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.org_id) IS NOT DISTINCT FROM (NEW.status, NEW.org_id) THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cobuild_apply_meeting(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cobuild_apply_meeting(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER joint_meetings_counts AFTER INSERT OR UPDATE OR DELETE ON joint_meetings
  FOR EACH ROW EXECUTE FUNCTION joint_meetings_counts();
--> statement-breakpoint
CREATE FUNCTION joint_meeting_outcomes_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.kind, OLD.org_id, OLD.owner_unit_id, OLD.due_on, OLD.done_on)
       IS NOT DISTINCT FROM (NEW.kind, NEW.org_id, NEW.owner_unit_id, NEW.due_on, NEW.done_on) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cobuild_apply_outcome(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cobuild_apply_outcome(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER joint_meeting_outcomes_counts AFTER INSERT OR UPDATE OR DELETE ON joint_meeting_outcomes
  FOR EACH ROW EXECUTE FUNCTION joint_meeting_outcomes_counts();
--> statement-breakpoint
CREATE FUNCTION co_needs_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.org_id, OLD.claimed_unit_id)
       IS NOT DISTINCT FROM (NEW.status, NEW.org_id, NEW.claimed_unit_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cobuild_apply_need(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cobuild_apply_need(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER co_needs_counts AFTER INSERT OR UPDATE OR DELETE ON co_needs
  FOR EACH ROW EXECUTE FUNCTION co_needs_counts();
--> statement-breakpoint
CREATE FUNCTION co_projects_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.org_id, OLD.lead_unit_id)
       IS NOT DISTINCT FROM (NEW.status, NEW.org_id, NEW.lead_unit_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cobuild_apply_project(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cobuild_apply_project(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER co_projects_counts AFTER INSERT OR UPDATE OR DELETE ON co_projects
  FOR EACH ROW EXECUTE FUNCTION co_projects_counts();
--> statement-breakpoint
-- Recomputes every co-building counter from the records (bulk loads with triggers off; tests compare).
CREATE FUNCTION cobuild_counts_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m joint_meetings;
  t joint_meeting_outcomes;
  n co_needs;
  p co_projects;
BEGIN
  DELETE FROM cobuild_counts;
  DELETE FROM cobuild_unit_counts;
  FOR m IN SELECT * FROM joint_meetings ORDER BY id LOOP PERFORM cobuild_apply_meeting(m, 1); END LOOP;
  FOR t IN SELECT * FROM joint_meeting_outcomes ORDER BY id LOOP PERFORM cobuild_apply_outcome(t, 1); END LOOP;
  FOR n IN SELECT * FROM co_needs ORDER BY id LOOP PERFORM cobuild_apply_need(n, 1); END LOOP;
  FOR p IN SELECT * FROM co_projects ORDER BY id LOOP PERFORM cobuild_apply_project(p, 1); END LOOP;
END
$$;
