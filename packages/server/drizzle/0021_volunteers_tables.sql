CREATE TABLE "volunteer_activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"team_id" bigint,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"description" text,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"signup_deadline" timestamp with time zone NOT NULL,
	"capacity" integer,
	"signed_up" integer DEFAULT 0 NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"cohost_org_id" bigint,
	"status" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"published_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_activities_times" CHECK (ends_at > starts_at and signup_deadline <= ends_at),
	CONSTRAINT "volunteer_activities_capacity" CHECK (signed_up >= 0 and (capacity is null or (capacity >= 1 and signed_up <= capacity)))
);
--> statement-breakpoint
CREATE TABLE "volunteer_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"member_id" bigint,
	"resident_id" bigint,
	"activity_id" bigint,
	"source" text NOT NULL,
	"served_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"content" text,
	"witness" text,
	"reason" text,
	"status" text NOT NULL,
	"corrects_id" bigint,
	"decided_at" timestamp with time zone,
	"decided_by" bigint,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_records_one_person" CHECK ((member_id is null) <> (resident_id is null)),
	CONSTRAINT "volunteer_records_hours" CHECK (hours > 0 and hours <= 9999)
);
--> statement-breakpoint
CREATE TABLE "volunteer_residents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"address" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"activity_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"member_id" bigint,
	"resident_id" bigint,
	"status" text NOT NULL,
	"added_by" bigint,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_signups_one_person" CHECK ((member_id is null) <> (resident_id is null))
);
--> statement-breakpoint
CREATE TABLE "volunteer_team_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"team_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"member_id" bigint,
	"resident_id" bigint,
	"leader" boolean DEFAULT false NOT NULL,
	"area" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_team_members_one_person" CHECK ((member_id is null) <> (resident_id is null))
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"area" text,
	"description" text,
	"dissolved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_cohost_org_id_organizations_id_fk" FOREIGN KEY ("cohost_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_records_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_records_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_records_resident_id_volunteer_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."volunteer_residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_records_activity_id_volunteer_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."volunteer_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_records_corrects_id_volunteer_records_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."volunteer_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_records_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_residents" ADD CONSTRAINT "volunteer_residents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_activity_id_volunteer_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."volunteer_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_resident_id_volunteer_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."volunteer_residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_added_by_accounts_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_resident_id_volunteer_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."volunteer_residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_activities_org_idx" ON "volunteer_activities" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "volunteer_activities_starts_idx" ON "volunteer_activities" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "volunteer_activities_team_idx" ON "volunteer_activities" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "volunteer_records_member_confirmed_idx" ON "volunteer_records" USING btree ("member_id","served_on") INCLUDE ("hours","activity_id") WHERE status = 'confirmed' and member_id is not null;--> statement-breakpoint
CREATE INDEX "volunteer_records_resident_confirmed_idx" ON "volunteer_records" USING btree ("resident_id","served_on") WHERE status = 'confirmed' and resident_id is not null;--> statement-breakpoint
CREATE INDEX "volunteer_records_pending_idx" ON "volunteer_records" USING btree ("org_id","created_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "volunteer_records_activity_idx" ON "volunteer_records" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_records_activity_member_key" ON "volunteer_records" USING btree ("activity_id","member_id") WHERE activity_id is not null and member_id is not null and status in ('pending', 'confirmed');--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_records_activity_resident_key" ON "volunteer_records" USING btree ("activity_id","resident_id") WHERE activity_id is not null and resident_id is not null and status in ('pending', 'confirmed');--> statement-breakpoint
CREATE INDEX "volunteer_residents_org_idx" ON "volunteer_residents" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_member_key" ON "volunteer_signups" USING btree ("activity_id","member_id") WHERE member_id is not null and status <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_resident_key" ON "volunteer_signups" USING btree ("activity_id","resident_id") WHERE resident_id is not null and status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "volunteer_signups_activity_idx" ON "volunteer_signups" USING btree ("activity_id","status","id");--> statement-breakpoint
CREATE INDEX "volunteer_signups_member_idx" ON "volunteer_signups" USING btree ("member_id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_team_members_member_key" ON "volunteer_team_members" USING btree ("team_id","member_id") WHERE member_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_team_members_resident_key" ON "volunteer_team_members" USING btree ("team_id","resident_id") WHERE resident_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_team_members_leader_key" ON "volunteer_team_members" USING btree ("team_id") WHERE leader;--> statement-breakpoint
CREATE INDEX "volunteer_team_members_member_idx" ON "volunteer_team_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "volunteer_team_members_resident_idx" ON "volunteer_team_members" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_teams_name_key" ON "volunteer_teams" USING btree ("org_id","name") WHERE dissolved_on is null;--> statement-breakpoint
-- Every change to the volunteering tables is audited, scoped by the organisation of the row.
CREATE TRIGGER volunteer_residents_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_residents FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_resident', 'org_id');--> statement-breakpoint
CREATE TRIGGER volunteer_teams_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_teams FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_team', 'org_id');--> statement-breakpoint
CREATE TRIGGER volunteer_team_members_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_team_members FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_team_member', 'org_id');--> statement-breakpoint
CREATE TRIGGER volunteer_activities_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_activities FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_activity', 'org_id');--> statement-breakpoint
CREATE TRIGGER volunteer_signups_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_signups FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_signup', 'org_id');--> statement-breakpoint
CREATE TRIGGER volunteer_records_audit AFTER INSERT OR UPDATE OR DELETE ON volunteer_records FOR EACH ROW EXECUTE FUNCTION audit_row('volunteer_record', 'org_id');
