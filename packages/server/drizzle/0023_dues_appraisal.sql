CREATE TABLE "appraisal_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appraisal_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"appraisal_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"probationary" boolean NOT NULL,
	"self_text" text,
	"mutual_text" text,
	"grade" text,
	"measure" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_figures" (
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "appraisal_figures_org_id_year_grade_pk" PRIMARY KEY("org_id","year","grade")
);
--> statement-breakpoint
CREATE TABLE "appraisals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appraisals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"stage" text DEFAULT 'assessing' NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_accounts" (
	"member_id" bigint PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"paid_to" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_bases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_bases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"base_fen" bigint,
	"standard_fen" integer NOT NULL,
	"monthly_fen" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_collected" (
	"org_id" bigint NOT NULL,
	"month" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"payments" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dues_collected_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
CREATE TABLE "dues_months" (
	"member_id" bigint NOT NULL,
	"month" text NOT NULL,
	"payment_id" bigint NOT NULL,
	CONSTRAINT "dues_months_member_id_month_pk" PRIMARY KEY("member_id","month")
);
--> statement-breakpoint
CREATE TABLE "dues_paid_to_counts" (
	"org_id" bigint NOT NULL,
	"paid_to" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dues_paid_to_counts_org_id_paid_to_pk" PRIMARY KEY("org_id","paid_to")
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"months" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"method" text NOT NULL,
	"paid_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lapsed_flags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lapsed_flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"stage" integer NOT NULL,
	"since" text,
	"flagged_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appraisal_entries" ADD CONSTRAINT "appraisal_entries_appraisal_id_appraisals_id_fk" FOREIGN KEY ("appraisal_id") REFERENCES "public"."appraisals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_entries" ADD CONSTRAINT "appraisal_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_entries" ADD CONSTRAINT "appraisal_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_figures" ADD CONSTRAINT "appraisal_figures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisals" ADD CONSTRAINT "appraisals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_accounts" ADD CONSTRAINT "dues_accounts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_accounts" ADD CONSTRAINT "dues_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_bases" ADD CONSTRAINT "dues_bases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_bases" ADD CONSTRAINT "dues_bases_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_collected" ADD CONSTRAINT "dues_collected_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_months" ADD CONSTRAINT "dues_months_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_months" ADD CONSTRAINT "dues_months_payment_id_dues_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."dues_payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_paid_to_counts" ADD CONSTRAINT "dues_paid_to_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_flags" ADD CONSTRAINT "lapsed_flags_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_flags" ADD CONSTRAINT "lapsed_flags_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_entries_member" ON "appraisal_entries" USING btree ("appraisal_id","member_id");--> statement-breakpoint
CREATE INDEX "appraisal_entries_member_idx" ON "appraisal_entries" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisals_org_year" ON "appraisals" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "dues_accounts_org_idx" ON "dues_accounts" USING btree ("org_id","paid_to","member_id") WHERE active;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_bases_member_year" ON "dues_bases" USING btree ("member_id","year");--> statement-breakpoint
CREATE INDEX "dues_months_payment_idx" ON "dues_months" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "dues_payments_member_idx" ON "dues_payments" USING btree ("member_id","to_month");--> statement-breakpoint
CREATE INDEX "dues_payments_org_idx" ON "dues_payments" USING btree ("org_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "lapsed_flags_member_reason" ON "lapsed_flags" USING btree ("member_id","reason");--> statement-breakpoint
CREATE INDEX "lapsed_flags_org_idx" ON "lapsed_flags" USING btree ("org_id","stage","id");--> statement-breakpoint
ALTER TABLE "dues_bases" ADD CONSTRAINT "dues_bases_amounts" CHECK (monthly_fen >= standard_fen AND standard_fen >= 0 AND (base_fen IS NULL OR base_fen >= 0));--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_months" CHECK (from_month ~ '^\d{4}-(0[1-9]|1[0-2])$' AND to_month ~ '^\d{4}-(0[1-9]|1[0-2])$' AND from_month <= to_month AND months > 0 AND amount_fen > 0);--> statement-breakpoint
ALTER TABLE "dues_months" ADD CONSTRAINT "dues_months_month" CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$');--> statement-breakpoint
-- Collected per organisation and month of payment, kept with the payments (a deleted payment is taken back).
CREATE FUNCTION dues_collected_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dues_collected (org_id, month, amount_fen, payments)
    VALUES (NEW.org_id, to_char(NEW.paid_on, 'YYYY-MM'), NEW.amount_fen, 1)
    ON CONFLICT (org_id, month) DO UPDATE
      SET amount_fen = dues_collected.amount_fen + excluded.amount_fen, payments = dues_collected.payments + 1;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE dues_collected SET amount_fen = amount_fen - OLD.amount_fen, payments = payments - 1
     WHERE org_id = OLD.org_id AND month = to_char(OLD.paid_on, 'YYYY-MM');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER dues_payments_collected AFTER INSERT OR DELETE ON dues_payments
  FOR EACH ROW EXECUTE FUNCTION dues_collected_apply();
--> statement-breakpoint
-- How many active members of an organisation are paid up to each month, kept with the accounts.
CREATE FUNCTION dues_paid_to_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.active THEN
    UPDATE dues_paid_to_counts SET n = n - 1 WHERE org_id = OLD.org_id AND paid_to = OLD.paid_to;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.active THEN
    INSERT INTO dues_paid_to_counts (org_id, paid_to, n) VALUES (NEW.org_id, NEW.paid_to, 1)
    ON CONFLICT (org_id, paid_to) DO UPDATE SET n = dues_paid_to_counts.n + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER dues_accounts_counts AFTER INSERT OR DELETE OR UPDATE OF org_id, active, paid_to ON dues_accounts
  FOR EACH ROW EXECUTE FUNCTION dues_paid_to_apply();
--> statement-breakpoint
-- A member's account follows the member: moved to another organisation, or left the platform (left_on).
CREATE FUNCTION dues_accounts_follow_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dues_accounts SET org_id = NEW.org_id, active = NEW.left_on IS NULL
   WHERE member_id = NEW.id AND (org_id <> NEW.org_id OR active <> (NEW.left_on IS NULL));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_dues_accounts AFTER UPDATE OF org_id, left_on ON members
  FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.left_on IS DISTINCT FROM NEW.left_on)
  EXECUTE FUNCTION dues_accounts_follow_member();
--> statement-breakpoint
CREATE TRIGGER dues_bases_audit AFTER INSERT OR UPDATE OR DELETE ON dues_bases
  FOR EACH ROW EXECUTE FUNCTION audit_row('dues_base', 'org_id');
--> statement-breakpoint
CREATE TRIGGER dues_payments_audit AFTER INSERT OR UPDATE OR DELETE ON dues_payments
  FOR EACH ROW EXECUTE FUNCTION audit_row('dues_payment', 'org_id');
--> statement-breakpoint
CREATE TRIGGER lapsed_flags_audit AFTER INSERT OR UPDATE OR DELETE ON lapsed_flags
  FOR EACH ROW EXECUTE FUNCTION audit_row('lapsed_flag', 'org_id');
--> statement-breakpoint
CREATE TRIGGER appraisals_audit AFTER INSERT OR UPDATE OR DELETE ON appraisals
  FOR EACH ROW EXECUTE FUNCTION audit_row('appraisal', 'org_id');
--> statement-breakpoint
CREATE TRIGGER appraisal_entries_audit AFTER INSERT OR UPDATE OR DELETE ON appraisal_entries
  FOR EACH ROW EXECUTE FUNCTION audit_row('appraisal_entry', 'org_id');
