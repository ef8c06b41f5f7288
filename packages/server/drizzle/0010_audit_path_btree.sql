-- The audit trail is scoped by the path's text as a prefix (`(org_path::text collate "C") ^@ scope`, rechecked
-- with `<@`): a btree that an import of 100,000 members (200,000 audit rows) fills in a fraction of the GiST's time.
DROP INDEX "audit_logs_org_path_gist";--> statement-breakpoint
CREATE INDEX "audit_logs_org_path_idx" ON "audit_logs" USING btree (("org_path"::text) collate "C");