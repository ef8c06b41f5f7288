-- members_org_idx carries what the lists filter a subtree's members by, organisation by organisation: sorting a
-- page's keys and matching a name or pinyin read the index alone (index-only scans), not a heap page per member.
DROP INDEX "members_org_idx";--> statement-breakpoint
CREATE INDEX "members_org_idx" ON "members" USING btree ("org_id","sort_key","id") INCLUDE ("left_on","name","name_initials","name_pinyin");
