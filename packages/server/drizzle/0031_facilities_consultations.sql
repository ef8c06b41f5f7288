CREATE TABLE "consultation_figures" (
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consultation_figures_org_id_period_metric_pk" PRIMARY KEY("org_id","period","metric")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"matter_kind" text NOT NULL,
	"matter" text NOT NULL,
	"member_id" bigint,
	"person_name" text NOT NULL,
	"id_number" text,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'asked' NOT NULL,
	"opinion" text,
	"opinion_reason" text,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"answered_by" bigint,
	"override_by" text,
	"override_doc_no" text,
	"override_on" date,
	"outcome_note" text,
	"closed_at" timestamp with time zone,
	"closed_by" bigint,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_status_check" CHECK ("consultations"."status" in ('asked', 'answered', 'done', 'withdrawn')),
	CONSTRAINT "consultations_matter_check" CHECK ("consultations"."matter_kind" in ('outstanding_member', 'cadre_promotion', 'honour')),
	CONSTRAINT "consultations_opinion_check" CHECK ("consultations"."opinion" is null or "consultations"."opinion" in ('agree', 'disagree', 'reserved')),
	CONSTRAINT "consultations_person_check" CHECK ("consultations"."member_id" is not null or "consultations"."id_number" is not null),
	CONSTRAINT "consultations_override_check" CHECK (("consultations"."override_doc_no" is null) = ("consultations"."override_by" is null) and ("consultations"."override_doc_no" is null) = ("consultations"."override_on" is null))
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "facilities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"capacity" integer NOT NULL,
	"address" text,
	"opening_hours" jsonb NOT NULL,
	"blackout_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"note" text,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_capacity_check" CHECK ("facilities"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "facility_bookings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "facility_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"facility_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"booked_on" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"slot" "tstzrange" GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED NOT NULL,
	"purpose" text NOT NULL,
	"headcount" integer,
	"booker_kind" text NOT NULL,
	"account_id" bigint NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"status" text NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" bigint,
	"decision_note" text,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" bigint,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_bookings_times_check" CHECK ("facility_bookings"."starts_at" < "facility_bookings"."ends_at"),
	CONSTRAINT "facility_bookings_status_check" CHECK ("facility_bookings"."status" in ('pending', 'approved', 'refused', 'cancelled')),
	CONSTRAINT "facility_bookings_booker_check" CHECK ("facility_bookings"."booker_kind" in ('community', 'resident')),
	CONSTRAINT "facility_bookings_headcount_check" CHECK ("facility_bookings"."headcount" is null or "facility_bookings"."headcount" > 0)
);
--> statement-breakpoint
CREATE TABLE "facility_communities" (
	"facility_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	CONSTRAINT "facility_communities_facility_id_org_id_pk" PRIMARY KEY("facility_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "facility_figures" (
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "facility_figures_org_id_period_metric_pk" PRIMARY KEY("org_id","period","metric")
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_closed_by_accounts_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_cancelled_by_accounts_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_communities" ADD CONSTRAINT "facility_communities_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_communities" ADD CONSTRAINT "facility_communities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_org_idx" ON "consultations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "consultations_unit_idx" ON "consultations" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "consultations_open_idx" ON "consultations" USING btree ("org_id","deadline") WHERE status = 'asked';--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_unit_name_key" ON "facilities" USING btree ("unit_id","name");--> statement-breakpoint
CREATE INDEX "facilities_org_idx" ON "facilities" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "facility_bookings_facility_idx" ON "facility_bookings" USING btree ("facility_id","starts_at");--> statement-breakpoint
CREATE INDEX "facility_bookings_org_idx" ON "facility_bookings" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "facility_bookings_account_idx" ON "facility_bookings" USING btree ("account_id","starts_at");--> statement-breakpoint
CREATE INDEX "facility_bookings_pending_idx" ON "facility_bookings" USING btree ("unit_id","starts_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "facility_communities_org_idx" ON "facility_communities" USING btree ("org_id");--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
-- Two bookings holding a slot (pending, approved) of one facility never overlap, whatever races the service's checks.
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_no_overlap" EXCLUDE USING gist ("facility_id" WITH =, "slot" WITH &&) WHERE ("status" in ('pending', 'approved'));--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "resident_units"("id");--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "resident_units"("id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_unit_id_resident_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "resident_units"("id");--> statement-breakpoint
CREATE TRIGGER facilities_audit AFTER INSERT OR UPDATE OR DELETE ON facilities FOR EACH ROW EXECUTE FUNCTION audit_row('facility', 'org_id');--> statement-breakpoint
CREATE TRIGGER facility_communities_audit AFTER INSERT OR UPDATE OR DELETE ON facility_communities FOR EACH ROW EXECUTE FUNCTION audit_row('facility_community', 'org_id');--> statement-breakpoint
CREATE TRIGGER facility_bookings_audit AFTER INSERT OR UPDATE OR DELETE ON facility_bookings FOR EACH ROW EXECUTE FUNCTION audit_row('facility_booking', 'org_id');--> statement-breakpoint
CREATE TRIGGER consultations_audit AFTER INSERT OR UPDATE OR DELETE ON consultations FOR EACH ROW EXECUTE FUNCTION audit_row('consultation', 'org_id');--> statement-breakpoint
-- Figures: a row's counters added to its organisation and every ancestor (the labels of its path), in path order.
CREATE FUNCTION facility_figures_add(p_org bigint, p_period text, p_metric text, p_delta int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO facility_figures (org_id, period, metric, n)
  SELECT subpath(o.path, i, 1)::text::bigint, p_period, p_metric, p_delta
    FROM organizations o, generate_series(0, nlevel(o.path) - 1) i WHERE o.id = p_org ORDER BY i
  ON CONFLICT (org_id, period, metric) DO UPDATE SET n = facility_figures.n + excluded.n;
$$;--> statement-breakpoint
CREATE FUNCTION facility_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM facility_figures_add(OLD.org_id, left(OLD.booked_on::text, 4), OLD.status, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM facility_figures_add(NEW.org_id, left(NEW.booked_on::text, 4), NEW.status, 1);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER facility_bookings_figures AFTER INSERT OR DELETE OR UPDATE OF status, org_id, booked_on ON facility_bookings FOR EACH ROW EXECUTE FUNCTION facility_figures_apply();--> statement-breakpoint
CREATE FUNCTION consultation_figures_add(p_org bigint, p_period text, p_metric text, p_delta int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO consultation_figures (org_id, period, metric, n)
  SELECT subpath(o.path, i, 1)::text::bigint, p_period, p_metric, p_delta
    FROM organizations o, generate_series(0, nlevel(o.path) - 1) i WHERE o.id = p_org ORDER BY i
  ON CONFLICT (org_id, period, metric) DO UPDATE SET n = consultation_figures.n + excluded.n;
$$;--> statement-breakpoint
CREATE FUNCTION consultation_figures_row(k consultations, p_delta int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM consultation_figures_add(k.org_id, left(k.deadline::text, 4), 'asked', p_delta);
  IF k.answered_on IS NOT NULL THEN
    PERFORM consultation_figures_add(k.org_id, left(k.deadline::text, 4), 'answered', p_delta);
    IF k.answered_on <= k.deadline THEN
      PERFORM consultation_figures_add(k.org_id, left(k.deadline::text, 4), 'answered_on_time', p_delta);
    END IF;
  END IF;
END $$;--> statement-breakpoint
CREATE FUNCTION consultation_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM consultation_figures_row(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM consultation_figures_row(NEW, 1); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER consultations_figures AFTER INSERT OR DELETE OR UPDATE OF org_id, deadline, answered_on ON consultations FOR EACH ROW EXECUTE FUNCTION consultation_figures_apply();
