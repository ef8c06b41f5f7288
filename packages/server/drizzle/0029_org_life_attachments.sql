CREATE TABLE "meeting_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"file_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"file_name" text NOT NULL,
	"added_after_final" boolean DEFAULT false NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD COLUMN "absence_justified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_attachments_meeting_idx" ON "meeting_attachments" USING btree ("meeting_id","id");--> statement-breakpoint
ALTER TABLE "in_service_registrations" DROP COLUMN "service_hours";--> statement-breakpoint
CREATE TRIGGER meeting_attachments_audit AFTER INSERT OR UPDATE OR DELETE ON meeting_attachments
  FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_attachment', 'org_id');
--> statement-breakpoint
-- Moving a subtree (organizations.repo.ts moveSubtree, before the paths change) shifts its organisational-life
-- counters: the moved organisation's own row holds its whole subtree's (sub_held, branches_done, expected, present),
-- which its old ancestors lose and its new ancestors gain, summed per row first so that an ancestor of both nets to
-- nothing. A group is not a branch: its meetings make its parent branch "done" (org_life_apply), so moving a group
-- between branches also takes the old branch out of branches_done where the group's meetings were its only ones of
-- that period and type, and puts the new branch in where it had none (up each branch's path).
CREATE OR REPLACE FUNCTION org_life_counts_move(p_org bigint, p_old_path ltree, p_new_parent_path ltree)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_parent_path ltree := subpath(p_old_path, 0, nlevel(p_old_path) - 1);
  branch_types text[] := ARRAY['branch', 'joint_branch', 'floating_branch', 'temporary_branch', 'retired_branch', 'grid_branch'];
  moved_is_branch boolean;
  old_branch boolean;
  new_branch boolean;
BEGIN
  INSERT INTO org_life_counts AS c (org_id, period, type, sub_held, branches_done, expected, present)
  SELECT a.id, f.period, f.type, sum(s.sign * f.sub_held), sum(s.sign * f.branches_done),
         sum(s.sign * f.expected), sum(s.sign * f.present)
    FROM org_life_counts f
   CROSS JOIN (VALUES (-1, old_parent_path), (1, p_new_parent_path)) AS s(sign, anc)
   CROSS JOIN unnest(string_to_array(s.anc::text, '.')::bigint[]) AS a(id)
   WHERE f.org_id = p_org AND (f.sub_held <> 0 OR f.branches_done <> 0 OR f.expected <> 0 OR f.present <> 0)
   GROUP BY a.id, f.period, f.type
   ORDER BY a.id, f.period, f.type
  ON CONFLICT (org_id, period, type) DO UPDATE
    SET sub_held = c.sub_held + excluded.sub_held, branches_done = c.branches_done + excluded.branches_done,
        expected = c.expected + excluded.expected, present = c.present + excluded.present;

  SELECT o.type = ANY (branch_types) INTO moved_is_branch FROM organizations o WHERE o.id = p_org;
  IF moved_is_branch THEN
    RETURN;
  END IF;
  SELECT o.type = ANY (branch_types) INTO old_branch FROM organizations o
   WHERE o.id = subpath(old_parent_path, -1)::text::bigint;
  SELECT o.type = ANY (branch_types) INTO new_branch FROM organizations o
   WHERE o.id = subpath(p_new_parent_path, -1)::text::bigint;
  -- The old branch held none of its own (or its other groups') after the group left: no longer done.
  IF old_branch THEN
    UPDATE org_life_counts c SET branches_done = c.branches_done - 1
      FROM org_life_counts f
      JOIN org_life_counts b ON b.org_id = subpath(old_parent_path, -1)::text::bigint
                            AND b.period = f.period AND b.type = f.type
     WHERE f.org_id = p_org AND f.sub_held > 0 AND b.sub_held = 0
       AND c.period = f.period AND c.type = f.type
       AND c.org_id = ANY (string_to_array(old_parent_path::text, '.')::bigint[]);
  END IF;
  -- The new branch's count is the group's alone: it held none before the group came.
  IF new_branch THEN
    UPDATE org_life_counts c SET branches_done = c.branches_done + 1
      FROM org_life_counts f
      JOIN org_life_counts b ON b.org_id = subpath(p_new_parent_path, -1)::text::bigint
                            AND b.period = f.period AND b.type = f.type
     WHERE f.org_id = p_org AND f.sub_held > 0 AND b.sub_held = f.sub_held
       AND c.period = f.period AND c.type = f.type
       AND c.org_id = ANY (string_to_array(p_new_parent_path::text, '.')::bigint[]);
  END IF;
END
$$;
--> statement-breakpoint
-- Recomputes the counters from the finalised meetings in one statement (the same sets org_life_apply keeps: each
-- meeting in its month, quarter and year; held at its organisation; sub_held, expected, present up its path;
-- branches_done up the path of the branch it counts for, once per branch): for bulk loads that run with triggers
-- off, and to check the kept counters against (org-life-counts.test.ts).
CREATE OR REPLACE FUNCTION org_life_counts_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM org_life_counts;
  WITH per AS (
    SELECT m.org_id, m.type, p.period, m.expected_count AS e, m.present_count AS pr, o.path
      FROM meetings m JOIN organizations o ON o.id = m.org_id
     CROSS JOIN LATERAL unnest(org_life_periods(m.held_on)) AS p(period)
     WHERE m.status = 'final'),
  own AS (SELECT org_id, period, type, count(*)::int AS held FROM per GROUP BY 1, 2, 3),
  sub AS (
    SELECT a.id AS org_id, per.period, per.type, count(*)::int AS sub_held, sum(per.e)::int AS expected,
           sum(per.pr)::int AS present
      FROM per CROSS JOIN LATERAL unnest(string_to_array(per.path::text, '.')::bigint[]) AS a(id)
     GROUP BY 1, 2, 3),
  branch_of AS (
    SELECT DISTINCT b.path, per.period, per.type
      FROM per
      JOIN LATERAL (SELECT b.path FROM organizations b
                     WHERE b.path IN (per.path, subpath(per.path, 0, greatest(nlevel(per.path) - 1, 1)))
                       AND b.type IN ('branch', 'joint_branch', 'floating_branch', 'temporary_branch',
                                      'retired_branch', 'grid_branch')
                     ORDER BY nlevel(b.path) DESC LIMIT 1) b ON true),
  done AS (
    SELECT a.id AS org_id, x.period, x.type, count(*)::int AS branches_done
      FROM branch_of x CROSS JOIN LATERAL unnest(string_to_array(x.path::text, '.')::bigint[]) AS a(id)
     GROUP BY 1, 2, 3)
  INSERT INTO org_life_counts (org_id, period, type, held, sub_held, branches_done, expected, present)
  SELECT s.org_id, s.period, s.type, coalesce(own.held, 0), s.sub_held, coalesce(done.branches_done, 0),
         s.expected, s.present
    FROM sub s
    LEFT JOIN own USING (org_id, period, type)
    LEFT JOIN done USING (org_id, period, type);
$$;
