CREATE TABLE "residents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"building_id" bigint,
	"address_detail" text,
	"account_id" bigint,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" bigint,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
CREATE TABLE "service_request_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" bigint,
	"kind" text NOT NULL,
	"note" text,
	"from_status" text,
	"to_status" text
);
--> statement-breakpoint
CREATE TABLE "service_request_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_request_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"file_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"resident_id" bigint NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"building_id" bigint,
	"contact_pref" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"merged_into_id" bigint,
	"decline_reason" text,
	"assignee_type" text,
	"assignee_member_id" bigint,
	"assignee_team_id" bigint,
	"assignee_unit_id" bigint,
	"claimed_by_member_id" bigint,
	"entered_by_account_id" bigint,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_note" text,
	"closed_at" timestamp with time zone,
	"respond_by" timestamp with time zone,
	"resolve_by" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalation_org_id" bigint,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopened" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_requests_kind" CHECK (kind in ('request', 'wish')),
	CONSTRAINT "service_requests_status" CHECK (status in ('submitted', 'accepted', 'dispatched', 'open', 'in_progress', 'done', 'closed', 'declined', 'merged')),
	CONSTRAINT "service_requests_rating" CHECK (rating is null or rating in ('satisfied', 'basically', 'unsatisfied')),
	CONSTRAINT "service_requests_assignee_type" CHECK (assignee_type is null or assignee_type in ('member', 'team', 'unit', 'grid')),
	CONSTRAINT "service_requests_merged" CHECK ((status = 'merged') = (merged_into_id is not null)),
	CONSTRAINT "service_requests_escalation_level" CHECK (escalation_level between 0 and 2)
);
--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_confirmed_by_accounts_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_photos" ADD CONSTRAINT "service_request_photos_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_photos" ADD CONSTRAINT "service_request_photos_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_photos" ADD CONSTRAINT "service_request_photos_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_merged_into_id_service_requests_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_assignee_member_id_members_id_fk" FOREIGN KEY ("assignee_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_assignee_team_id_volunteer_teams_id_fk" FOREIGN KEY ("assignee_team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_assignee_unit_id_resident_units_id_fk" FOREIGN KEY ("assignee_unit_id") REFERENCES "public"."resident_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_claimed_by_member_id_members_id_fk" FOREIGN KEY ("claimed_by_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_escalation_org_id_organizations_id_fk" FOREIGN KEY ("escalation_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "residents_org_idx" ON "residents" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "residents_unconfirmed_idx" ON "residents" USING btree ("org_id","created_at","id") WHERE confirmed_at is null;--> statement-breakpoint
CREATE INDEX "residents_phone_idx" ON "residents" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "service_request_events_request_idx" ON "service_request_events" USING btree ("request_id","at","id");--> statement-breakpoint
CREATE INDEX "service_request_photos_request_idx" ON "service_request_photos" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "service_requests_org_idx" ON "service_requests" USING btree ("org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_org_status_idx" ON "service_requests" USING btree ("org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_resident_idx" ON "service_requests" USING btree ("resident_id","submitted_at");--> statement-breakpoint
CREATE INDEX "service_requests_submitted_idx" ON "service_requests" USING btree ("org_id","submitted_at","id") WHERE status = 'submitted';--> statement-breakpoint
CREATE INDEX "service_requests_dup_idx" ON "service_requests" USING btree ("org_id","building_id","category","submitted_at");--> statement-breakpoint
CREATE INDEX "service_requests_assignee_idx" ON "service_requests" USING btree ("assignee_member_id","status") WHERE assignee_member_id is not null;--> statement-breakpoint
CREATE INDEX "service_requests_claimed_idx" ON "service_requests" USING btree ("claimed_by_member_id","status") WHERE claimed_by_member_id is not null;--> statement-breakpoint
CREATE INDEX "service_requests_open_idx" ON "service_requests" USING btree ("org_id","submitted_at","id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "service_requests_fulfilled_idx" ON "service_requests" USING btree (coalesce(claimed_by_member_id, assignee_member_id),"done_at") WHERE done_at is not null;--> statement-breakpoint
CREATE INDEX "service_requests_merged_into_idx" ON "service_requests" USING btree ("merged_into_id") WHERE merged_into_id is not null;--> statement-breakpoint
-- Every change to residents, requests, their timeline and photos is audited, scoped by the community of the row.
CREATE TRIGGER residents_audit AFTER INSERT OR UPDATE OR DELETE ON residents FOR EACH ROW EXECUTE FUNCTION audit_row('resident', 'org_id');--> statement-breakpoint
CREATE TRIGGER service_requests_audit AFTER INSERT OR UPDATE OR DELETE ON service_requests FOR EACH ROW EXECUTE FUNCTION audit_row('service_request', 'org_id');--> statement-breakpoint
CREATE TRIGGER service_request_events_audit AFTER INSERT OR UPDATE OR DELETE ON service_request_events FOR EACH ROW EXECUTE FUNCTION audit_row('service_request_event', 'org_id');--> statement-breakpoint
CREATE TRIGGER service_request_photos_audit AFTER INSERT OR UPDATE OR DELETE ON service_request_photos FOR EACH ROW EXECUTE FUNCTION audit_row('service_request_photo', 'org_id');
