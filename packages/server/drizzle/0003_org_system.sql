CREATE TABLE "new_organizations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "new_organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"kind" text NOT NULL,
	"industry" text NOT NULL,
	"address" text,
	"grid" text,
	"employees" integer DEFAULT 0 NOT NULL,
	"party_members" integer DEFAULT 0 NOT NULL,
	"own_org_id" bigint,
	"joint_branch_id" bigint,
	"instructor_name" text,
	"instructor_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "team_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"member_id" bigint,
	"person_name" text NOT NULL,
	"position" text NOT NULL,
	"home_unit" text,
	"residents_post" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "unit_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "management_mode" text DEFAULT 'direct' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "term_started_on" date;--> statement-breakpoint
ALTER TABLE "new_organizations" ADD CONSTRAINT "new_organizations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "new_organizations" ADD CONSTRAINT "new_organizations_own_org_id_organizations_id_fk" FOREIGN KEY ("own_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "new_organizations" ADD CONSTRAINT "new_organizations_joint_branch_id_organizations_id_fk" FOREIGN KEY ("joint_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_posts" ADD CONSTRAINT "team_posts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_posts" ADD CONSTRAINT "team_posts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "new_organizations_uscc_key" ON "new_organizations" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "new_organizations_org_idx" ON "new_organizations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "new_organizations_joint_idx" ON "new_organizations" USING btree ("joint_branch_id");--> statement-breakpoint
CREATE INDEX "team_posts_org_idx" ON "team_posts" USING btree ("org_id","ended_on");--> statement-breakpoint
-- custom SQL for issue 3
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_management_mode_check" CHECK ("management_mode" IN ('direct', 'dual'));
--> statement-breakpoint
ALTER TABLE "team_posts" ADD CONSTRAINT "team_posts_dates_check" CHECK ("ended_on" IS NULL OR "ended_on" >= "started_on");
--> statement-breakpoint
ALTER TABLE "new_organizations" ADD CONSTRAINT "new_organizations_counts_check" CHECK ("employees" >= 0 AND "party_members" >= 0);
--> statement-breakpoint
CREATE TRIGGER team_posts_audit AFTER INSERT OR UPDATE OR DELETE ON team_posts
  FOR EACH ROW EXECUTE FUNCTION audit_row('team_post', 'org_id');
--> statement-breakpoint
CREATE TRIGGER new_organizations_audit AFTER INSERT OR UPDATE OR DELETE ON new_organizations
  FOR EACH ROW EXECUTE FUNCTION audit_row('new_organization', 'org_id');
