CREATE TABLE "floating_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "floating_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"direction" text NOT NULL,
	"member_id" bigint,
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"place" text NOT NULL,
	"other_org_name" text,
	"contact" text,
	"certificate_no" text,
	"fixed_place" boolean DEFAULT true NOT NULL,
	"since" date NOT NULL,
	"ended_on" date,
	"last_reported_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "in_service_registrations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "in_service_registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"unit_org_id" bigint NOT NULL,
	"residence" text,
	"wishes" text,
	"registered_on" date NOT NULL,
	"ended_on" date,
	"service_hours" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"org_name" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_transfers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"member_id" bigint,
	"member_name" text NOT NULL,
	"org_id" bigint NOT NULL,
	"from_org_id" bigint,
	"from_org_name" text NOT NULL,
	"to_org_id" bigint,
	"to_org_name" text NOT NULL,
	"letter_no" text NOT NULL,
	"dues_paid_to" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text NOT NULL,
	"return_reason" text,
	"decided_on" date,
	"receipt_due_on" date,
	"receipt_received_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "members_org_idx";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "member_id" bigint;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "ethnicity" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "education" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "management_mode" text DEFAULT 'direct' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "full_member_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "residence" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "employer" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_pinyin" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_initials" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "sort_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "floating_members" ADD CONSTRAINT "floating_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floating_members" ADD CONSTRAINT "floating_members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_service_registrations" ADD CONSTRAINT "in_service_registrations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_service_registrations" ADD CONSTRAINT "in_service_registrations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_service_registrations" ADD CONSTRAINT "in_service_registrations_unit_org_id_organizations_id_fk" FOREIGN KEY ("unit_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_history" ADD CONSTRAINT "member_history_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_history" ADD CONSTRAINT "member_history_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_from_org_id_organizations_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_to_org_id_organizations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "floating_members_org_idx" ON "floating_members" USING btree ("org_id","direction","since");--> statement-breakpoint
CREATE INDEX "floating_members_member_idx" ON "floating_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "in_service_org_idx" ON "in_service_registrations" USING btree ("org_id","registered_on");--> statement-breakpoint
CREATE INDEX "in_service_unit_idx" ON "in_service_registrations" USING btree ("unit_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "in_service_active_key" ON "in_service_registrations" USING btree ("member_id") WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "member_history_member_idx" ON "member_history" USING btree ("member_id","from_on");--> statement-breakpoint
CREATE INDEX "member_transfers_org_idx" ON "member_transfers" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "member_transfers_from_idx" ON "member_transfers" USING btree ("from_org_id","created_at");--> statement-breakpoint
CREATE INDEX "member_transfers_to_idx" ON "member_transfers" USING btree ("to_org_id","created_at");--> statement-breakpoint
CREATE INDEX "member_transfers_member_idx" ON "member_transfers" USING btree ("member_id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_sort_idx" ON "members" USING btree ("sort_key","id");--> statement-breakpoint
CREATE INDEX "members_phone_idx" ON "members" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "members_tags_gin" ON "members" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "members_org_idx" ON "members" USING btree ("org_id","sort_key","id");--> statement-breakpoint
-- custom SQL for issue 4
-- Prefix search on pinyin ("zsf", "zhangsan") whatever the database collation.
CREATE INDEX "members_initials_prefix_idx" ON "members" ("name_initials" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "members_pinyin_prefix_idx" ON "members" ("name_pinyin" text_pattern_ops);
--> statement-breakpoint
-- Any part of a name: the name's characters as an array, so that 三丰 finds 张三丰 without a scan.
CREATE INDEX "members_name_chars_gin" ON "members" USING gin (string_to_array("name", NULL));
--> statement-breakpoint
CREATE TRIGGER member_history_audit AFTER INSERT OR UPDATE OR DELETE ON member_history
  FOR EACH ROW EXECUTE FUNCTION audit_row('member_history', 'org_id');
--> statement-breakpoint
CREATE TRIGGER member_transfers_audit AFTER INSERT OR UPDATE OR DELETE ON member_transfers
  FOR EACH ROW EXECUTE FUNCTION audit_row('member_transfer', 'org_id');
--> statement-breakpoint
-- Letter numbers of relation transfers: 共建转字〔year〕n号.
CREATE SEQUENCE member_transfer_letter_seq;
--> statement-breakpoint
CREATE TRIGGER floating_members_audit AFTER INSERT OR UPDATE OR DELETE ON floating_members
  FOR EACH ROW EXECUTE FUNCTION audit_row('floating_member', 'org_id');
--> statement-breakpoint
CREATE TRIGGER in_service_registrations_audit AFTER INSERT OR UPDATE OR DELETE ON in_service_registrations
  FOR EACH ROW EXECUTE FUNCTION audit_row('in_service_registration', 'org_id');
