ALTER TABLE "floating_members" ADD COLUMN "previous_category" text;--> statement-breakpoint
-- Members whose category asks for a record elsewhere (流动党员: an open outflow; 在职党员: an open 双报到), for the
-- lists of those without one (floating.repo.ts, in-service.repo.ts): read by organisation, not by scanning members.
CREATE INDEX "members_category_record_idx" ON "members" ("category", "org_id", "id") WHERE category IN ('floating', 'in_service') AND left_on IS NULL;
