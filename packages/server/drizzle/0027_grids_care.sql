CREATE TABLE "care_residents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"types" text[] NOT NULL,
	"birth_year" integer,
	"lives_alone" boolean DEFAULT false NOT NULL,
	"left_behind" boolean DEFAULT false NOT NULL,
	"building_id" bigint,
	"address" text,
	"phone" text,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"guardian_name" text,
	"guardian_phone" text,
	"carer_member_id" bigint,
	"carer_account_id" bigint,
	"notes" text,
	"last_visit_on" date,
	"next_visit_due" date,
	"registered_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_residents_types" CHECK (cardinality(types) >= 1),
	CONSTRAINT "care_residents_one_carer" CHECK (carer_member_id is null or carer_account_id is null)
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"resident_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"visited_on" date NOT NULL,
	"visitor" text NOT NULL,
	"visitor_member_id" bigint,
	"content" text NOT NULL,
	"follow_up" boolean DEFAULT false NOT NULL,
	"follow_up_note" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "buildings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"households" integer DEFAULT 0 NOT NULL,
	"grid_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_households" CHECK (households >= 0)
);
--> statement-breakpoint
CREATE TABLE "grid_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grid_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"grid_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_members_dates" CHECK (ended_on is null or ended_on >= started_on)
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grids_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"branch_org_id" bigint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_residents" ADD CONSTRAINT "care_residents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_residents" ADD CONSTRAINT "care_residents_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_residents" ADD CONSTRAINT "care_residents_carer_member_id_members_id_fk" FOREIGN KEY ("carer_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_residents" ADD CONSTRAINT "care_residents_carer_account_id_accounts_id_fk" FOREIGN KEY ("carer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_resident_id_care_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."care_residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_visitor_member_id_members_id_fk" FOREIGN KEY ("visitor_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_members" ADD CONSTRAINT "grid_members_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_members" ADD CONSTRAINT "grid_members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_members" ADD CONSTRAINT "grid_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_branch_org_id_organizations_id_fk" FOREIGN KEY ("branch_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_residents_org_idx" ON "care_residents" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "care_residents_due_idx" ON "care_residents" USING btree ("org_id","next_visit_due") WHERE ended_on is null and next_visit_due is not null;--> statement-breakpoint
CREATE INDEX "care_residents_carer_member_idx" ON "care_residents" USING btree ("carer_member_id","next_visit_due") WHERE ended_on is null and carer_member_id is not null;--> statement-breakpoint
CREATE INDEX "care_residents_carer_account_idx" ON "care_residents" USING btree ("carer_account_id","next_visit_due") WHERE ended_on is null and carer_account_id is not null;--> statement-breakpoint
CREATE INDEX "care_visits_resident_idx" ON "care_visits" USING btree ("resident_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_name_key" ON "buildings" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "buildings_grid_idx" ON "buildings" USING btree ("grid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_members_active_key" ON "grid_members" USING btree ("grid_id","member_id") WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "grid_members_member_idx" ON "grid_members" USING btree ("member_id") WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "grid_members_org_idx" ON "grid_members" USING btree ("org_id","grid_id") WHERE ended_on is null;--> statement-breakpoint
CREATE UNIQUE INDEX "grids_name_key" ON "grids" USING btree ("org_id","name");--> statement-breakpoint
CREATE TRIGGER buildings_audit AFTER INSERT OR UPDATE OR DELETE ON buildings FOR EACH ROW EXECUTE FUNCTION audit_row('building', 'org_id');--> statement-breakpoint
CREATE TRIGGER grids_audit AFTER INSERT OR UPDATE OR DELETE ON grids FOR EACH ROW EXECUTE FUNCTION audit_row('grid', 'org_id');--> statement-breakpoint
CREATE TRIGGER grid_members_audit AFTER INSERT OR UPDATE OR DELETE ON grid_members FOR EACH ROW EXECUTE FUNCTION audit_row('grid_member', 'org_id');--> statement-breakpoint
CREATE TRIGGER care_residents_audit AFTER INSERT OR UPDATE OR DELETE ON care_residents FOR EACH ROW EXECUTE FUNCTION audit_row('care_resident', 'org_id');--> statement-breakpoint
CREATE TRIGGER care_visits_audit AFTER INSERT OR UPDATE OR DELETE ON care_visits FOR EACH ROW EXECUTE FUNCTION audit_row('care_visit', 'org_id');
