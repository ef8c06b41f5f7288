CREATE TABLE "meeting_attendance" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"held_on" date NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"voting" boolean DEFAULT true NOT NULL,
	"status" text,
	"absence_reason" text,
	"absence_note" text,
	"leave_reason" text,
	"leave_note" text,
	"leave_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_corrections" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"corrected_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"held_on" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text,
	"place" text,
	"online" boolean DEFAULT false NOT NULL,
	"host_member_id" bigint,
	"host_name" text,
	"topic" text NOT NULL,
	"minutes" text,
	"decisions" text,
	"votes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guests" text,
	"expected_count" integer DEFAULT 0 NOT NULL,
	"present_count" integer DEFAULT 0 NOT NULL,
	"voting_expected" integer DEFAULT 0 NOT NULL,
	"voting_present" integer DEFAULT 0 NOT NULL,
	"quorate" boolean,
	"revision" integer DEFAULT 0 NOT NULL,
	"finalised_at" timestamp with time zone,
	"finalised_by" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_counts" (
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"type" text NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"sub_held" integer DEFAULT 0 NOT NULL,
	"branches_done" integer DEFAULT 0 NOT NULL,
	"expected" integer DEFAULT 0 NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "org_life_counts_org_id_period_type_pk" PRIMARY KEY("org_id","period","type")
);
--> statement-breakpoint
CREATE TABLE "org_life_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_life_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"type" text NOT NULL,
	"frequency" text NOT NULL,
	"lead_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_corrections" ADD CONSTRAINT "meeting_corrections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_corrections" ADD CONSTRAINT "meeting_corrections_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_corrections" ADD CONSTRAINT "meeting_corrections_corrected_by_accounts_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_host_member_id_members_id_fk" FOREIGN KEY ("host_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_finalised_by_accounts_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_counts" ADD CONSTRAINT "org_life_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_rules" ADD CONSTRAINT "org_life_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_key" ON "meeting_attendance" USING btree ("meeting_id","member_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_member_idx" ON "meeting_attendance" USING btree ("member_id","held_on");--> statement-breakpoint
CREATE INDEX "meeting_attendance_present_idx" ON "meeting_attendance" USING btree ("member_id","held_on") WHERE final and status = 'present';--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_corrections_key" ON "meeting_corrections" USING btree ("meeting_id","revision");--> statement-breakpoint
CREATE INDEX "meetings_org_idx" ON "meetings" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "meetings_held_idx" ON "meetings" USING btree ("held_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_rules_key" ON "org_life_rules" USING btree ("org_id","type");--> statement-breakpoint
CREATE TRIGGER meetings_audit AFTER INSERT OR UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION audit_row('meeting', 'org_id');
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_audit AFTER INSERT OR UPDATE OR DELETE ON meeting_attendance
  FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_attendance', 'org_id');
--> statement-breakpoint
CREATE TRIGGER meeting_corrections_audit AFTER INSERT OR UPDATE OR DELETE ON meeting_corrections
  FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_correction', 'org_id');
--> statement-breakpoint
CREATE TRIGGER org_life_rules_audit AFTER INSERT OR UPDATE OR DELETE ON org_life_rules
  FOR EACH ROW EXECUTE FUNCTION audit_row('org_life_rule', 'org_id');
--> statement-breakpoint
-- The branch-like organisations of a subtree, by path: the standings' and figures' list of what must hold
-- 三会一课 (a street's 200 branches read from this index alone).
CREATE INDEX org_life_branches_idx ON organizations (path)
  WHERE type IN ('branch', 'joint_branch', 'floating_branch', 'temporary_branch', 'retired_branch', 'grid_branch');
--> statement-breakpoint
-- The periods a day counts in: its month, its quarter, its year.
CREATE FUNCTION org_life_periods(d date) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[to_char(d, 'YYYY-MM'), to_char(d, 'YYYY') || '-Q' || extract(quarter FROM d)::int, to_char(d, 'YYYY')]
$$;
--> statement-breakpoint
-- Adds (sign 1) or takes away (sign -1) one finalised meeting from the counters: `held` at its organisation,
-- `sub_held`, `expected`, `present` at the organisation and every ancestor, and `branches_done` at the branch the
-- meeting counts for (the organisation itself, or the branch a group belongs to) and its ancestors when that
-- branch's count crosses zero. Ancestors in key order, as org_figures does.
CREATE FUNCTION org_life_apply(p_org bigint, p_type text, p_on date, p_sign int, p_expected int, p_present int)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  org_path ltree;
  branch_path ltree;
  per text;
  after_n int;
BEGIN
  SELECT o.path INTO org_path FROM organizations o WHERE o.id = p_org;
  SELECT b.path INTO branch_path FROM organizations b
   WHERE b.path IN (org_path, subpath(org_path, 0, greatest(nlevel(org_path) - 1, 1)))
     AND b.type IN ('branch', 'joint_branch', 'floating_branch', 'temporary_branch', 'retired_branch', 'grid_branch')
   ORDER BY nlevel(b.path) DESC LIMIT 1;
  FOREACH per IN ARRAY org_life_periods(p_on) LOOP
    INSERT INTO org_life_counts AS c (org_id, period, type, held) VALUES (p_org, per, p_type, p_sign)
      ON CONFLICT (org_id, period, type) DO UPDATE SET held = c.held + excluded.held;
    INSERT INTO org_life_counts AS c (org_id, period, type, sub_held, expected, present)
      SELECT a.id, per, p_type, p_sign, p_sign * p_expected, p_sign * p_present
        FROM unnest(string_to_array(org_path::text, '.')::bigint[]) AS a(id) ORDER BY a.id
      ON CONFLICT (org_id, period, type) DO UPDATE
        SET sub_held = c.sub_held + excluded.sub_held, expected = c.expected + excluded.expected,
            present = c.present + excluded.present;
    IF branch_path IS NOT NULL THEN
      SELECT c.sub_held INTO after_n FROM org_life_counts c
       WHERE c.org_id = subpath(branch_path, -1)::text::bigint AND c.period = per AND c.type = p_type;
      IF (p_sign > 0 AND after_n = 1) OR (p_sign < 0 AND after_n = 0) THEN
        UPDATE org_life_counts c SET branches_done = c.branches_done + p_sign
         WHERE c.period = per AND c.type = p_type
           AND c.org_id = ANY (string_to_array(branch_path::text, '.')::bigint[]);
      END IF;
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
-- A finalised meeting counts; a draft does not. A correction (or any change) takes the old one away and adds the new.
CREATE FUNCTION meetings_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.org_id, OLD.type, OLD.held_on, OLD.expected_count, OLD.present_count)
       IS NOT DISTINCT FROM (NEW.status, NEW.org_id, NEW.type, NEW.held_on, NEW.expected_count, NEW.present_count) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status = 'final' THEN
    PERFORM org_life_apply(OLD.org_id, OLD.type, OLD.held_on, -1, OLD.expected_count, OLD.present_count);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'final' THEN
    PERFORM org_life_apply(NEW.org_id, NEW.type, NEW.held_on, 1, NEW.expected_count, NEW.present_count);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER meetings_counts AFTER INSERT OR UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION meetings_counts();
--> statement-breakpoint
-- Recomputes the counters from the finalised meetings: for bulk loads that run with triggers off, and to check
-- the kept counters against (rollups tests).
CREATE FUNCTION org_life_counts_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m record;
BEGIN
  DELETE FROM org_life_counts;
  FOR m IN SELECT org_id, type, held_on, expected_count, present_count FROM meetings WHERE status = 'final' ORDER BY id LOOP
    PERFORM org_life_apply(m.org_id, m.type, m.held_on, 1, m.expected_count, m.present_count);
  END LOOP;
END
$$;
