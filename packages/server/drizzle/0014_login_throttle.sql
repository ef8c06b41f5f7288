-- Login throttling counts the attempts of the last minutes by IP and by username from the audit trail itself
-- (auth/login-throttle.ts): two small partial indexes over the login rows only.
CREATE INDEX "audit_logs_login_ip_idx" ON "audit_logs" USING btree ("ip","at") WHERE "audit_logs"."action" in ('auth.login', 'auth.login_failed', 'auth.login_refused_locked');--> statement-breakpoint
CREATE INDEX "audit_logs_login_name_idx" ON "audit_logs" USING btree (lower("actor_name"),"at") WHERE "audit_logs"."action" in ('auth.login', 'auth.login_failed', 'auth.login_refused_locked');