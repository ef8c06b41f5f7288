CREATE TABLE "due_snoozes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "due_snoozes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"key" text NOT NULL,
	"until" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "due_snoozes" ADD CONSTRAINT "due_snoozes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_snoozes" ADD CONSTRAINT "due_snoozes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "due_snoozes_account_key" ON "due_snoozes" USING btree ("account_id","key");--> statement-breakpoint
CREATE TRIGGER due_snoozes_audit AFTER INSERT OR UPDATE OR DELETE ON due_snoozes
  FOR EACH ROW EXECUTE FUNCTION audit_row('due_snooze', 'org_id');
