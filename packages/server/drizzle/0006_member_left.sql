ALTER TABLE "member_history" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_reason" text;--> statement-breakpoint
-- Members who left the platform keep their profile but are not counted: the subtree rollups count only
-- members without left_on, so leaving is an UPDATE that takes one off, and coming back one that adds one.
CREATE OR REPLACE FUNCTION members_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'f', f, 'p', p)) INTO deltas FROM (
      SELECT org_id, count(*) FILTER (WHERE status = 'full' AND left_on IS NULL) AS f,
             count(*) FILTER (WHERE status = 'probationary' AND left_on IS NULL) AS p
        FROM new_rows GROUP BY org_id) t;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'f', -f, 'p', -p)) INTO deltas FROM (
      SELECT org_id, count(*) FILTER (WHERE status = 'full' AND left_on IS NULL) AS f,
             count(*) FILTER (WHERE status = 'probationary' AND left_on IS NULL) AS p
        FROM old_rows GROUP BY org_id) t;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'f', f, 'p', p)) INTO deltas FROM (
      SELECT org_id, sum(f) AS f, sum(p) AS p FROM (
        SELECT org_id, count(*) FILTER (WHERE status = 'full' AND left_on IS NULL) AS f,
               count(*) FILTER (WHERE status = 'probationary' AND left_on IS NULL) AS p
          FROM new_rows GROUP BY org_id
        UNION ALL
        SELECT org_id, -count(*) FILTER (WHERE status = 'full' AND left_on IS NULL),
               -count(*) FILTER (WHERE status = 'probationary' AND left_on IS NULL)
          FROM old_rows GROUP BY org_id) u
      GROUP BY org_id) t;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM members_rollup_apply(deltas); END IF;
  RETURN NULL;
END
$$;
