-- The audit page filters by the actor's username: at a million audit rows the filter scanned the trail
-- (~0.4 s per page and again for its count). The index on the actor's id served no query.
DROP INDEX "audit_logs_actor_idx";--> statement-breakpoint
CREATE INDEX "audit_logs_actor_name_idx" ON "audit_logs" USING btree ("actor_name","at");