-- Member counts by status were kept twice, by two triggers on every member write: organizations.full_members /
-- probationary_members (0002) and org_figures 'status:*' (0007). Measured on 200,000 members (bench/RESULTS.md,
-- "Member counts kept once"), the status metrics cost ~0.6 s of the triggers' ~2.7 s on a 40,000-row insert.
-- The organisation's columns stay (every list reads them with the organisation's row); org_figures keeps what
-- only it holds (category, gender, new organisations).
CREATE OR REPLACE FUNCTION member_figures(r members) RETURNS TABLE (metric text, n bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT x.metric, 1::bigint
    FROM (VALUES ('category:' || r.category), ('gender:' || r.gender)) AS x(metric)
   WHERE r.left_on IS NULL
$$;
--> statement-breakpoint
DELETE FROM org_figures WHERE metric LIKE 'status:%';
--> statement-breakpoint
-- The member counters every organisation should have (active members of its subtree, by status): for the nightly
-- check (figures.verify) and its repair. Path labels are the organisation ids: the ancestors need no join.
CREATE FUNCTION member_counts_expected() RETURNS TABLE (org_id bigint, f bigint, p bigint) LANGUAGE sql STABLE AS $$
  WITH per_org AS (
    SELECT m.org_id, count(*) FILTER (WHERE m.status = 'full') AS f, count(*) FILTER (WHERE m.status = 'probationary') AS p
      FROM members m WHERE m.left_on IS NULL GROUP BY m.org_id
  )
  SELECT a.id, sum(x.f)::bigint, sum(x.p)::bigint
    FROM per_org x
    JOIN organizations o ON o.id = x.org_id
    CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id
$$;
