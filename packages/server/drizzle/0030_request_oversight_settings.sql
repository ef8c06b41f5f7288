CREATE TABLE "request_deadline_settings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_deadline_settings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"category" text NOT NULL,
	"respond_hours" integer,
	"resolve_hours" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_deadline_settings_respond_check" CHECK (respond_hours between 1 and 2160),
	CONSTRAINT "request_deadline_settings_resolve_check" CHECK (resolve_hours between 1 and 2160)
);
--> statement-breakpoint
CREATE TABLE "request_rate_figures" (
	"org_id" bigint NOT NULL,
	"month" text NOT NULL,
	"metric" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_rate_figures_org_id_month_metric_pk" PRIMARY KEY("org_id","month","metric")
);
--> statement-breakpoint
ALTER TABLE "request_deadline_settings" ADD CONSTRAINT "request_deadline_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_rate_figures" ADD CONSTRAINT "request_rate_figures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "request_deadline_settings_org_category_idx" ON "request_deadline_settings" USING btree ("org_id","category");
--> statement-breakpoint
CREATE TRIGGER request_deadline_settings_audit AFTER INSERT OR UPDATE OR DELETE ON request_deadline_settings FOR EACH ROW EXECUTE FUNCTION audit_row('request_deadline_setting', 'org_id');
